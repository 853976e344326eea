using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TimeToken.Core;
using TimeToken.Core.Signing;

namespace TimeToken.Tests.Core.Signing;

public sealed class StoredKeyRingProviderTests
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-03-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
    private readonly InMemoryKeyRingStore _store = new();
    private readonly FakeLogCollector _logs = new();

    [Fact]
    public async Task GetKeyRing_NothingStored_MakesAndSavesEncryptedRing()
    {
        var dataProtection = new EphemeralDataProtectionProvider();
        using var provider = Create(dataProtection);

        var ring = await provider.GetKeyRingAsync(TestContext.Current.CancellationToken);

        Assert.NotNull(_store.Saved);
        Assert.DoesNotContain(Convert.ToBase64String(ring.Active.Material.Span), _store.Saved, StringComparison.Ordinal);
        Assert.DoesNotContain(ring.Active.Id, _store.Saved, StringComparison.Ordinal);
        Assert.True(KeyRingProtector.TryUnprotect(_store.Saved, dataProtection, out var back, out _));
        Assert.Equal(ring.Active.Id, back.Active.Id);
        Assert.Same(ring, provider.GetKeyRing());
    }

    [Fact]
    public async Task GetKeyRing_StoredRing_IsReadNotReplaced()
    {
        var dataProtection = new EphemeralDataProtectionProvider();
        var existing = KeyRing.Create(_time);
        _store.Saved = KeyRingProtector.Protect(existing, dataProtection);
        using var provider = Create(dataProtection);

        var ring = await provider.GetKeyRingAsync(TestContext.Current.CancellationToken);

        Assert.Equal(existing.Active.Id, ring.Active.Id);
        Assert.Equal(0, _store.SaveCount);
    }

    [Theory]
    [InlineData("not base64 !")]
    [InlineData("AAAA")]
    public async Task GetKeyRing_UnreadableRing_MakesFreshRingAndWarnsOnce(string stored)
    {
        _store.Saved = stored;
        using var provider = Create(new EphemeralDataProtectionProvider());

        await provider.GetKeyRingAsync(TestContext.Current.CancellationToken);

        Assert.Equal(1, _store.SaveCount);
        var warning = Assert.Single(_logs.GetSnapshot(), r => r.Level == LogLevel.Warning);
        Assert.Equal(1001, warning.Id.Id);
        Assert.DoesNotContain(stored, warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetKeyRing_RingOfAnotherTenant_MakesFreshRing()
    {
        var other = KeyRingProtector.Protect(KeyRing.Create(_time), new EphemeralDataProtectionProvider());
        _store.Saved = other;
        using var provider = Create(new EphemeralDataProtectionProvider());

        await provider.GetKeyRingAsync(TestContext.Current.CancellationToken);

        Assert.NotEqual(other, _store.Saved);
        Assert.Contains(_logs.GetSnapshot(), r => r.Id.Id == 1001 && r.Message.Contains("decrypted", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RotateAsync_KeepsPreviousKeyForGraceThenDropsIt()
    {
        var dataProtection = new EphemeralDataProtectionProvider();
        using var provider = Create(dataProtection);
        var first = await provider.GetKeyRingAsync(TestContext.Current.CancellationToken);

        var rotated = await provider.RotateAsync(TestContext.Current.CancellationToken);

        Assert.NotEqual(first.Active.Id, rotated.Active.Id);
        Assert.True(rotated.TryGetKey(first.Active.Id, out _));
        Assert.Equal(TimeSpan.FromSeconds(3600 + 300), provider.GracePeriod);
        Assert.Contains(_logs.GetSnapshot(), r => r.Id.Id == 1000 && r.Message.Contains(rotated.Active.Id, StringComparison.Ordinal));

        _time.Advance(provider.GracePeriod);
        using var reloaded = Create(dataProtection);
        var later = await reloaded.GetKeyRingAsync(TestContext.Current.CancellationToken);
        Assert.False(later.TryGetKey(first.Active.Id, out _));
        Assert.Equal(rotated.Active.Id, later.Active.Id);
    }

    [Fact]
    public async Task RotateAsync_Twice_FirstKeyRefusedAtOnceSecondKeptForGrace()
    {
        var dataProtection = new EphemeralDataProtectionProvider();
        using var provider = Create(dataProtection);
        var first = await provider.GetKeyRingAsync(TestContext.Current.CancellationToken);
        var second = await provider.RotateAsync(TestContext.Current.CancellationToken);

        var third = await provider.RotateAsync(TestContext.Current.CancellationToken);
        using var reloaded = Create(dataProtection);
        var stored = await reloaded.GetKeyRingAsync(TestContext.Current.CancellationToken);

        Assert.False(third.TryGetKey(first.Active.Id, out _));
        Assert.True(third.TryGetKey(second.Active.Id, out _));
        Assert.Equal(third.Keys.Select(k => k.Id), stored.Keys.Select(k => k.Id));
    }

    [Fact]
    public async Task RotateAsync_AnotherNodeRotatedSinceThisOneRead_StartsFromTheStoredRing()
    {
        // Two nodes of a web farm share the store: B rotates after A did, while B still holds the ring it read first.
        var dataProtection = new EphemeralDataProtectionProvider();
        using var nodeA = Create(dataProtection);
        using var nodeB = Create(dataProtection);
        var first = await nodeB.GetKeyRingAsync(TestContext.Current.CancellationToken);
        var rotatedOnA = await nodeA.RotateAsync(TestContext.Current.CancellationToken);

        var rotatedOnB = await nodeB.RotateAsync(TestContext.Current.CancellationToken);

        Assert.Equal(first.Active.Id, rotatedOnA.Keys[1].Id);
        Assert.Equal([rotatedOnB.Active.Id, rotatedOnA.Active.Id], rotatedOnB.Keys.Select(k => k.Id));
    }

    [Fact]
    public async Task RevokeAllAsync_RotatedRing_OnlyAFreshKeyStaysAndItIsSaved()
    {
        var dataProtection = new EphemeralDataProtectionProvider();
        using var provider = Create(dataProtection);
        var first = await provider.GetKeyRingAsync(TestContext.Current.CancellationToken);
        var rotated = await provider.RotateAsync(TestContext.Current.CancellationToken);

        var (revoked, ids) = await provider.RevokeAllAsync(TestContext.Current.CancellationToken);
        using var reloaded = Create(dataProtection);
        var stored = await reloaded.GetKeyRingAsync(TestContext.Current.CancellationToken);

        var key = Assert.Single(revoked.Keys);
        Assert.Same(revoked, provider.GetKeyRing());
        Assert.Null(key.RetiredAt);
        Assert.Equal(_time.GetUtcNow(), key.CreatedAt);
        Assert.DoesNotContain(key.Id, new[] { first.Active.Id, rotated.Active.Id });
        Assert.Equal(new[] { rotated.Active.Id, first.Active.Id }, ids);
        Assert.Equal(key.Id, Assert.Single(stored.Keys).Id);
        var log = Assert.Single(_logs.GetSnapshot(), r => r.Id.Id == 1002);
        Assert.Equal(LogLevel.Information, log.Level);
        Assert.Contains(first.Active.Id, log.Message, StringComparison.Ordinal);
        Assert.Contains(key.Id, log.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToBase64String(key.Material.Span), log.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RevokeAllAsync_TokenOfRevokedKeyWithinGrace_Refused()
    {
        var dataProtection = new EphemeralDataProtectionProvider();
        var options = new TimeTokenOptions();
        using var provider = Create(dataProtection, options);
        var before = (await provider.GetKeyRingAsync(TestContext.Current.CancellationToken)).Active;
        var token = TokenSigner.Sign(TokenPurpose.Media, before, "docs/a.pdf", "v1", _time.GetUtcNow().AddMinutes(5).ToUnixTimeSeconds());
        Assert.True(TokenVerifier.TryCheckBeforeMac(token, provider.GetKeyRing(), _time.GetUtcNow(), options, out _, out _, out _));

        await provider.RevokeAllAsync(TestContext.Current.CancellationToken);

        Assert.False(TokenVerifier.TryCheckBeforeMac(token, provider.GetKeyRing(), _time.GetUtcNow(), options, out _, out _, out var failure));
        Assert.Equal(TokenFailure.UnknownKey, failure);
    }

    [Theory]
    [InlineData(10, null, 11)]
    [InlineData(60, null, 66)]
    [InlineData(600, 3600, 3900)]
    public async Task RotateAsync_ShortMaxLifetime_RetiredKeyDroppedAfterMaxLifetimePlusSlack(int timeout, int? maxLifetime, int graceSeconds)
    {
        // Regression: a retired key verified for the maximum lifetime plus a whole 300-second window, even for
        // 10-second links.
        var options = new TimeTokenOptions { TimeoutSeconds = timeout, MaxLifetimeSeconds = maxLifetime };
        var dataProtection = new EphemeralDataProtectionProvider();
        using var provider = Create(dataProtection, options);
        var first = await provider.GetKeyRingAsync(TestContext.Current.CancellationToken);
        await provider.RotateAsync(TestContext.Current.CancellationToken);

        _time.Advance(TimeSpan.FromSeconds(graceSeconds) - TimeSpan.FromTicks(1));
        using var oneTickBefore = Create(dataProtection, options);
        var before = await oneTickBefore.GetKeyRingAsync(TestContext.Current.CancellationToken);
        _time.Advance(TimeSpan.FromTicks(1));
        using var atGraceEnd = Create(dataProtection, options);
        var after = await atGraceEnd.GetKeyRingAsync(TestContext.Current.CancellationToken);

        Assert.Equal(TimeSpan.FromSeconds(graceSeconds), provider.GracePeriod);
        Assert.True(before.TryGetKey(first.Active.Id, out _));
        Assert.False(after.TryGetKey(first.Active.Id, out _));
    }

    private StoredKeyRingProvider Create(IDataProtectionProvider dataProtection, TimeTokenOptions? options = null) => new(
        _store,
        dataProtection,
        _time,
        new StaticOptionsMonitor(options ?? new TimeTokenOptions()),
        new FakeLogger<StoredKeyRingProvider>(_logs));

    private sealed class InMemoryKeyRingStore : IKeyRingStore
    {
        public string? Saved { get; set; }

        public int SaveCount { get; private set; }

        public Task<string?> LoadAsync(CancellationToken cancellationToken) => Task.FromResult(Saved);

        public Task SaveAsync(string protectedKeyRing, CancellationToken cancellationToken)
        {
            Saved = protectedKeyRing;
            SaveCount++;
            return Task.CompletedTask;
        }
    }

    private sealed class StaticOptionsMonitor : IOptionsMonitor<TimeTokenOptions>
    {
        public StaticOptionsMonitor(TimeTokenOptions value) => CurrentValue = value;

        public TimeTokenOptions CurrentValue { get; }

        public TimeTokenOptions Get(string? name) => CurrentValue;

        public IDisposable? OnChange(Action<TimeTokenOptions, string?> listener) => null;
    }
}
