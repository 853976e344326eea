using System.Net;
using StackExchange.Redis;
using TimeToken.Core.Signing;
using TimeToken.Core.Uploads;

namespace TimeToken.Tests.Core.Uploads;

/// <summary>Against a real Redis: <c>TIMETOKEN_TEST_REDIS</c>, or a private redis-server for the restart test.</summary>
public sealed class RedisUploadSlotTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Store_ClaimReleaseComplete_FollowTheStateMachine()
    {
        var redis = TestData.RequireRedis();
        var prefix = $"tt-test:{Guid.NewGuid():N}:";
        using var store = new RedisUploadSlotStore(redis, prefix);
        var record = new UploadSlotRecord("slot-a", "record", """{"folder":"x"}""", DateTimeOffset.UtcNow.AddMinutes(1), 123, [".pdf", ".png"], 2);
        await store.SaveAsync(record, TimeSpan.FromSeconds(60), Ct);

        var claim = await store.TryClaimAsync("slot-a", Ct);
        var busy = await store.TryClaimAsync("slot-a", Ct);
        await store.ReleaseAsync("slot-a", "not-the-claim", Ct);
        var stillBusy = await store.TryClaimAsync("slot-a", Ct);
        await store.ReleaseAsync("slot-a", claim.ClaimId!, Ct);
        var again = await store.TryClaimAsync("slot-a", Ct);
        await store.CompleteAsync("slot-a", again.ClaimId!, Ct);
        await store.ReleaseAsync("slot-a", again.ClaimId!, Ct);
        var used = await store.TryClaimAsync("slot-a", Ct);
        var missing = await store.TryClaimAsync("slot-b", Ct);

        Assert.Equal(UploadSlotClaimStatus.Claimed, claim.Status);
        Assert.Equal("record", claim.Record!.HandlerName);
        Assert.Equal("""{"folder":"x"}""", claim.Record.ArgumentsJson);
        Assert.Equal([".pdf", ".png"], claim.Record.AllowedExtensions);
        Assert.Equal((123L, 2), (claim.Record.MaxBytes, claim.Record.MaxFiles));
        Assert.Equal(UploadSlotClaimStatus.AlreadyUsedOrInUse, busy.Status);
        Assert.Equal(UploadSlotClaimStatus.AlreadyUsedOrInUse, stillBusy.Status);
        Assert.Equal(UploadSlotClaimStatus.Claimed, again.Status);
        Assert.Equal(UploadSlotClaimStatus.AlreadyUsedOrInUse, used.Status);
        Assert.Equal(UploadSlotClaimStatus.NotFound, missing.Status);

        await using var admin = await ConnectionMultiplexer.ConnectAsync(redis);
        var ttl = await admin.GetDatabase().KeyTimeToLiveAsync(prefix + "slot-a");
        Assert.InRange(ttl!.Value, TimeSpan.FromSeconds(50), TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task Post_50ConcurrentOnRedis_HandlerRunsExactlyOnce()
    {
        var redis = TestData.RequireRedis();
        await using var host = await UploadTestHost.StartAsync(o => o.Redis = redis);
        host.Calls.DelayMs = 50;
        var slot = await host.CreateAsync();

        var statuses = await UploadSlotEndpointTests.ConcurrentPostsAsync(host.Client, slot.Url, 50);

        Assert.IsType<RedisUploadSlotStore>(host.Services.GetService(typeof(IUploadSlotStore)));
        Assert.Equal(1, statuses.Count(s => s == HttpStatusCode.Created));
        Assert.Equal(49, statuses.Count(s => s == HttpStatusCode.Conflict));
        Assert.Single(host.Calls.Calls);
    }

    [Fact]
    public async Task Post_TwoNodesSharingRedis_SlotIsUsedOnceAcrossNodes()
    {
        var redis = TestData.RequireRedis();
        var ring = KeyRing.Create(TimeProvider.System);
        var prefix = $"tt-test:{Guid.NewGuid():N}:";
        await using var nodeA = await UploadTestHost.StartAsync(o => o.Redis = redis, keyRing: ring, redisKeyPrefix: prefix);
        await using var nodeB = await UploadTestHost.StartAsync(o => o.Redis = redis, keyRing: ring, redisKeyPrefix: prefix);
        Assert.NotEqual(nodeA.BaseAddress.Port, nodeB.BaseAddress.Port);
        var slot = await nodeA.CreateAsync(new { from = "A" });

        using var onB = await nodeB.PostFileAsync(slot.Url, [1, 2, 3]);
        using var onA = await nodeA.PostFileAsync(slot.Url, [1, 2, 3]);
        using var onBAgain = await nodeB.PostFileAsync(slot.Url, [1, 2, 3]);

        Assert.Equal(HttpStatusCode.Created, onB.StatusCode);
        Assert.Equal("""{"from":"A"}""", Assert.Single(nodeB.Calls.Calls).Arguments);
        Assert.Equal(HttpStatusCode.Conflict, onA.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, onBAgain.StatusCode);
        Assert.Empty(nodeA.Calls.Calls);
    }

    [Fact]
    public async Task Post_RedisStopped_Returns503AndAfterRestartNoSlotIsUsedTwice()
    {
        await using var server = await RedisServerProcess.StartAsync();
        await using var host = await UploadTestHost.StartAsync(o => o.Redis = server.ConnectionString);
        var used = await host.CreateAsync();
        var pending = await host.CreateAsync();
        using (var first = await host.PostFileAsync(used.Url, [1]))
        {
            Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        }

        await server.ShutdownSaveAsync();
        using var down = await host.PostFileAsync(pending.Url, [2]);
        var downBody = await down.Content.ReadAsStringAsync(Ct);
        await Assert.ThrowsAsync<UploadSlotStoreUnavailableException>(() => host.CreateAsync());

        Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
        Assert.Equal("The upload service is temporarily unavailable; try again later.", downBody);
        Assert.DoesNotContain(host.Logs.GetSnapshot(), r => r.Message.Contains(server.ConnectionString, StringComparison.Ordinal));

        await server.StartAgainAsync();
        await UploadTestHost.EventuallyAsync(
            async () =>
            {
                using var retry = await host.PostFileAsync(used.Url, [1]);
                Assert.NotEqual(HttpStatusCode.Created, retry.StatusCode);
                return retry.StatusCode == HttpStatusCode.Conflict;
            },
            timeoutMs: 20_000);
        using var pendingNow = await host.PostFileAsync(pending.Url, [2]);
        using var pendingAgain = await host.PostFileAsync(pending.Url, [2]);

        Assert.Equal(HttpStatusCode.Created, pendingNow.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, pendingAgain.StatusCode);
        Assert.Equal(2, host.Calls.Calls.Count);
        Assert.Empty(host.TempFiles());
    }
}
