using Microsoft.Extensions.Time.Testing;
using TimeToken.Core.Uploads;

namespace TimeToken.Tests.Core.Uploads;

public sealed class MemoryUploadSlotStoreTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static UploadSlotRecord Record(string id) => new(id, "record", "null", DateTimeOffset.UnixEpoch, 10, [], 1);

    [Fact]
    public async Task TryClaimAsync_FreeSlot_ClaimsOnceUntilReleased()
    {
        var store = new MemoryUploadSlotStore(new FakeTimeProvider());
        await store.SaveAsync(Record("s"), TimeSpan.FromMinutes(1), Ct);

        var claim = await store.TryClaimAsync("s", Ct);
        var busy = await store.TryClaimAsync("s", Ct);
        await store.ReleaseAsync("s", "someone-else", Ct);
        var stillBusy = await store.TryClaimAsync("s", Ct);
        await store.ReleaseAsync("s", claim.ClaimId!, Ct);
        var again = await store.TryClaimAsync("s", Ct);
        await store.CompleteAsync("s", again.ClaimId!, Ct);
        await store.ReleaseAsync("s", again.ClaimId!, Ct);
        var used = await store.TryClaimAsync("s", Ct);

        Assert.Equal(UploadSlotClaimStatus.Claimed, claim.Status);
        Assert.Equal("s", claim.Record!.SlotId);
        Assert.Equal(UploadSlotClaimStatus.AlreadyUsedOrInUse, busy.Status);
        Assert.Equal(UploadSlotClaimStatus.AlreadyUsedOrInUse, stillBusy.Status);
        Assert.Equal(UploadSlotClaimStatus.Claimed, again.Status);
        Assert.NotEqual(claim.ClaimId, again.ClaimId);
        Assert.Equal(UploadSlotClaimStatus.AlreadyUsedOrInUse, used.Status);
        Assert.Equal(UploadSlotClaimStatus.NotFound, (await store.TryClaimAsync("other", Ct)).Status);
    }

    [Fact]
    public async Task TryClaimAsync_ManyThreads_ExactlyOneWins()
    {
        var store = new MemoryUploadSlotStore(TimeProvider.System);
        await store.SaveAsync(Record("s"), TimeSpan.FromMinutes(1), Ct);

        var claims = await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => Task.Run(() => store.TryClaimAsync("s", Ct), Ct)));

        Assert.Single(claims, c => c.Status == UploadSlotClaimStatus.Claimed);
    }

    [Fact]
    public async Task TryClaimAsync_AfterTimeToLive_NotFoundAndSwept()
    {
        var time = new FakeTimeProvider();
        var store = new MemoryUploadSlotStore(time);
        await store.SaveAsync(Record("short"), TimeSpan.FromSeconds(10), Ct);
        await store.SaveAsync(Record("claimed"), TimeSpan.FromSeconds(10), Ct);
        await store.SaveAsync(Record("long"), TimeSpan.FromMinutes(5), Ct);
        var claim = await store.TryClaimAsync("claimed", Ct);

        time.Advance(TimeSpan.FromSeconds(9));
        Assert.Equal(UploadSlotClaimStatus.Claimed, (await store.TryClaimAsync("short", Ct)).Status);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(UploadSlotClaimStatus.NotFound, (await store.TryClaimAsync("claimed", Ct)).Status);
        Assert.Equal(2, store.Count);
        time.Advance(TimeSpan.FromMinutes(1));
        await store.TryClaimAsync("long", Ct);

        Assert.Equal(UploadSlotClaimStatus.Claimed, claim.Status);
        Assert.Equal(1, store.Count);
    }
}
