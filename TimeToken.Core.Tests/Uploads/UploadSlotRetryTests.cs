using System.Net;
using Microsoft.Extensions.Logging;
using TimeToken.Core.Uploads;

namespace TimeToken.Tests.Core.Uploads;

/// <summary>
/// A slot whose handler fails is released only a few times (<c>Uploads:MaxFailedAttempts</c>, default 3), then it
/// is spent and answers 409 like a used slot. Regression: every failure released the slot, so one single-use slot
/// could be retried without limit, each retry storing the whole body again.
/// </summary>
public sealed class UploadSlotRetryTests
{
    private const string ConflictBody = "This upload slot is already in use or was used.";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(false, null, 3)]
    [InlineData(false, 1, 1)]
    [InlineData(false, 5, 5)]
    [InlineData(true, null, 3)]
    [InlineData(true, 2, 2)]
    public async Task Post_HandlerAlwaysFails_SpentAfterMaxFailedAttemptsThen409(bool redis, int? maxFailedAttempts, int expectedFailures)
    {
        var connection = redis ? TestData.RequireRedis() : null;
        await using var host = await UploadTestHost.StartAsync(o =>
        {
            o.Redis = connection;
            if (maxFailedAttempts is { } max)
            {
                o.Uploads.MaxFailedAttempts = max;
            }
        });
        var slot = await host.CreateAsync();
        host.Calls.FailNext(100);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < expectedFailures; i++)
        {
            using var failed = await host.PostFileAsync(slot.Url, [1, 2]);
            statuses.Add(failed.StatusCode);
        }

        using var spent = await host.PostFileAsync(slot.Url, [1, 2]);
        var spentBody = await spent.Content.ReadAsStringAsync(Ct);
        using var stillSpent = await host.PostFileAsync(slot.Url, [1, 2]);

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.InternalServerError, expectedFailures), statuses);
        Assert.Equal(HttpStatusCode.Conflict, spent.StatusCode);
        Assert.Equal(ConflictBody, spentBody);
        Assert.Equal(HttpStatusCode.Conflict, stillSpent.StatusCode);
        var logs = host.Logs.GetSnapshot();
        Assert.Equal(expectedFailures, logs.Count(r => r.Id.Id == 1201));
        Assert.Equal(1, logs.Count(r => r.Id.Id == 1209));
        Assert.Empty(host.Calls.Calls);
        Assert.Empty(host.TempFiles());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Post_FailsBelowLimitThenSucceeds_Created(bool redis)
    {
        var connection = redis ? TestData.RequireRedis() : null;
        await using var host = await UploadTestHost.StartAsync(o => o.Redis = connection);
        var slot = await host.CreateAsync();
        host.Calls.FailNext(2);

        using var first = await host.PostFileAsync(slot.Url, [1]);
        using var second = await host.PostFileAsync(slot.Url, [1]);
        using var third = await host.PostFileAsync(slot.Url, [1]);
        using var fourth = await host.PostFileAsync(slot.Url, [1]);

        Assert.Equal(
            [HttpStatusCode.InternalServerError, HttpStatusCode.InternalServerError, HttpStatusCode.Created, HttpStatusCode.Conflict],
            [first.StatusCode, second.StatusCode, third.StatusCode, fourth.StatusCode]);
        Assert.Single(host.Calls.Calls);
        Assert.DoesNotContain(host.Logs.GetSnapshot(), r => r.Id.Id == 1209);
    }

    [Fact]
    public async Task MemoryStore_ReleaseAfterFailure_CountsOnlyHeldClaimsAndSpendsAtLimit()
        => await ReleaseAfterFailure_CountsOnlyHeldClaimsAndSpendsAtLimitAsync(new MemoryUploadSlotStore(TimeProvider.System));

    [Fact]
    public async Task RedisStore_ReleaseAfterFailure_CountsOnlyHeldClaimsAndSpendsAtLimit()
    {
        var redis = TestData.RequireRedis();
        using var store = new RedisUploadSlotStore(redis, $"tt-test:{Guid.NewGuid():N}:");
        await ReleaseAfterFailure_CountsOnlyHeldClaimsAndSpendsAtLimitAsync(store);
    }

    // The same scenario on either store: a foreign claim releases nothing, the first failure frees the slot, the
    // second (the limit, 2) spends it, and an unknown slot is not released.
    private static async Task ReleaseAfterFailure_CountsOnlyHeldClaimsAndSpendsAtLimitAsync(IUploadSlotStore store)
    {
        var record = new UploadSlotRecord("slot-a", "record", "null", DateTimeOffset.UtcNow.AddMinutes(1), 10, [], 1);
        await store.SaveAsync(record, TimeSpan.FromMinutes(1), Ct);

        var first = await store.TryClaimAsync("slot-a", Ct);
        var wrongClaim = await store.ReleaseAfterFailureAsync("slot-a", "not-the-claim", 2, Ct);
        var freeAfterOne = await store.ReleaseAfterFailureAsync("slot-a", first.ClaimId!, 2, Ct);
        var second = await store.TryClaimAsync("slot-a", Ct);
        var freeAfterTwo = await store.ReleaseAfterFailureAsync("slot-a", second.ClaimId!, 2, Ct);
        var spent = await store.TryClaimAsync("slot-a", Ct);
        var missing = await store.ReleaseAfterFailureAsync("slot-b", "x", 2, Ct);

        Assert.False(wrongClaim);
        Assert.True(freeAfterOne);
        Assert.Equal(UploadSlotClaimStatus.Claimed, second.Status);
        Assert.False(freeAfterTwo);
        Assert.Equal(UploadSlotClaimStatus.AlreadyUsedOrInUse, spent.Status);
        Assert.False(missing);
    }
}
