using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using TimeToken.Core.Signing;

namespace TimeToken.Tests.Core.Signing;

public sealed class KeyRingTests
{
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(3600 + 300);

    [Fact]
    public void Create_FreshRing_HasOneActive256BitKey()
    {
        var ring = KeyRing.Create(new FakeTimeProvider());

        var key = Assert.Single(ring.Keys);
        Assert.Same(key, ring.Active);
        Assert.Equal(32, key.Material.Length);
        Assert.True(SigningKey.IsValidId(key.Id));
    }

    [Fact]
    public void Create_TwoRings_DifferInIdAndMaterial()
    {
        var a = KeyRing.Create(new FakeTimeProvider()).Active;
        var b = KeyRing.Create(new FakeTimeProvider()).Active;

        Assert.NotEqual(a.Id, b.Id);
        Assert.False(a.Material.Span.SequenceEqual(b.Material.Span));
    }

    [Fact]
    public void Rotate_PreviousKey_StaysDuringGraceAndGoesAfter()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var ring = KeyRing.Create(time);
        var old = ring.Active;

        var rotated = ring.Rotate(time);

        Assert.NotEqual(old.Id, rotated.Active.Id);
        Assert.True(rotated.TryGetKey(old.Id, out var retired));
        Assert.Equal(time.GetUtcNow(), retired.RetiredAt);

        time.Advance(Grace - TimeSpan.FromTicks(1));
        Assert.True(KeyRing.IsUsable(retired, time.GetUtcNow(), Grace));
        Assert.Equal(2, rotated.Prune(time.GetUtcNow(), Grace).Keys.Count);

        time.Advance(TimeSpan.FromTicks(1));
        Assert.False(KeyRing.IsUsable(retired, time.GetUtcNow(), Grace));
        Assert.Single(rotated.Prune(time.GetUtcNow(), Grace).Keys);
    }

    [Fact]
    public void Rotate_Twice_AfterGrace_DropsOldestKey()
    {
        var time = new FakeTimeProvider();
        var first = KeyRing.Create(time);
        var second = first.Rotate(time);
        time.Advance(Grace);

        var third = second.Rotate(time);

        Assert.False(third.TryGetKey(first.Active.Id, out _));
        Assert.True(third.TryGetKey(second.Active.Id, out _));
        Assert.Equal(2, third.Keys.Count);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3900L * TimeSpan.TicksPerSecond - 1)]
    [InlineData(3900L * TimeSpan.TicksPerSecond)]
    [InlineData(3900L * TimeSpan.TicksPerSecond + 1)]
    public void Rotate_Twice_OldestKeyDroppedAtSecondRotation(long ticksBetweenRotations)
    {
        // A retired key verifies until its retirement plus the grace period, or until the next rotation: however soon
        // the second rotation comes (at once, one tick later, or around the first key's grace end), the oldest goes
        // and the previous one starts its own grace.
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var first = KeyRing.Create(time);
        var second = first.Rotate(time);
        time.Advance(TimeSpan.FromTicks(ticksBetweenRotations));

        var third = second.Rotate(time);

        Assert.Equal([third.Active.Id, second.Active.Id], third.Keys.Select(k => k.Id));
        Assert.False(third.TryGetKey(first.Active.Id, out _));
        Assert.True(third.TryGetKey(second.Active.Id, out var previous));
        Assert.Equal(time.GetUtcNow(), previous.RetiredAt);
        Assert.True(KeyRing.IsUsable(previous, time.GetUtcNow() + Grace - TimeSpan.FromTicks(1), Grace));
        Assert.False(KeyRing.IsUsable(previous, time.GetUtcNow() + Grace, Grace));
    }

    [Fact]
    public void Prune_StoredRingWithSeveralRetiredKeys_KeepsOnlyTheLastRetired()
    {
        // A ring saved before the grace rule held: every retired key still within its own grace.
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var now = time.GetUtcNow();
        var oldest = SigningKey.Create(time).Retire(now.AddMinutes(-20));
        var older = SigningKey.Create(time).Retire(now.AddMinutes(-10));
        var active = SigningKey.Create(time);
        var ring = new KeyRing([oldest, active, older]);

        var pruned = ring.Prune(now, Grace);

        Assert.Equal([active.Id, older.Id], pruned.Keys.Select(k => k.Id));
        Assert.Same(pruned, pruned.Prune(now, Grace));
    }

    [Fact]
    public void Prune_LastRetiredKeyAtGraceEdge_KeptOneTickBeforeDroppedAt()
    {
        var time = new FakeTimeProvider();
        var ring = KeyRing.Create(time).Rotate(time);
        var retiredAt = time.GetUtcNow();

        Assert.Equal(2, ring.Prune(retiredAt + Grace - TimeSpan.FromTicks(1), Grace).Keys.Count);
        Assert.Single(ring.Prune(retiredAt + Grace, Grace).Keys);
        Assert.Single(ring.Prune(retiredAt + Grace + TimeSpan.FromTicks(1), Grace).Keys);
    }

    [Fact]
    public void Serialize_RoundTrip_KeepsKeys()
    {
        var time = new FakeTimeProvider();
        var ring = KeyRing.Create(time).Rotate(time);

        var json = JsonSerializer.Serialize(ring);
        var back = JsonSerializer.Deserialize<KeyRing>(json)!;

        Assert.Equal(ring.Active.Id, back.Active.Id);
        Assert.Equal(ring.Keys.Select(k => (k.Id, k.CreatedAt, k.RetiredAt)), back.Keys.Select(k => (k.Id, k.CreatedAt, k.RetiredAt)));
        Assert.True(ring.Active.Material.Span.SequenceEqual(back.Active.Material.Span));
    }

    [Fact]
    public void ToString_Key_ShowsIdNotMaterial()
    {
        var key = TokenSignerTests.FixedKey;

        Assert.Equal("SigningKey(test-key)", key.ToString());
    }

    [Fact]
    public void Constructor_TwoActiveKeys_Throws()
    {
        var time = new FakeTimeProvider();

        Assert.Throws<ArgumentException>(() => new KeyRing([SigningKey.Create(time), SigningKey.Create(time)]));
    }
}
