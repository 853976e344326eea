using System.Diagnostics;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TimeToken.Core;
using TimeToken.Core.Signing;

namespace TimeToken.Tests.Core.Signing;

/// <summary>Two nodes on one stored key ring: node B reads the ring again when it meets a key node A has just made.</summary>
public sealed class KeyRingReloaderTests
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-03-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
    private readonly SharedStore _store = new();
    private readonly EphemeralDataProtectionProvider _dataProtection = new();
    private readonly FakeLogCollector _logs = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ReloadAsync_RingRotatedByAnotherNode_HoldsTheNewKey()
    {
        // Arrange
        using var nodeA = Provider();
        using var nodeB = Provider();
        var before = await nodeB.GetKeyRingAsync(Ct);
        var rotated = await nodeA.RotateAsync(Ct);
        var reloader = new KeyRingReloader(nodeB, new FakeLogger<KeyRingReloader>(_logs));

        // Act
        var reloaded = await reloader.ReloadAsync();

        // Assert
        Assert.False(before.TryGetKey(rotated.Active.Id, out _));
        Assert.Equal(rotated.Active.Id, reloaded.Active.Id);
        Assert.True(nodeB.GetKeyRing().TryGetKey(rotated.Active.Id, out _));
        Assert.True(nodeB.GetKeyRing().TryGetKey(before.Active.Id, out _));
    }

    [Fact]
    public async Task ReloadAsync_ManyCallersDuringARead_JoinOneNextRead()
    {
        // Arrange: a first read is under way (the store holds its answer).
        using var node = Provider();
        await node.GetKeyRingAsync(Ct);
        var reloader = new KeyRingReloader(node, new FakeLogger<KeyRingReloader>(_logs));
        _store.Entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _store.Hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = reloader.ReloadAsync();
        await _store.Entered.Task.WaitAsync(Ct);

        // Act: nineteen callers arrive during it; none may take its answer, read before they came.
        var later = Enumerable.Range(0, 19).Select(_ => reloader.ReloadAsync()).ToList();
        _store.Hold.SetResult();
        await first;
        var rings = await Task.WhenAll(later);

        // Assert
        Assert.Equal(2, reloader.Reads);
        Assert.All(later, t => Assert.Same(later[0], t));
        Assert.All(rings, r => Assert.Same(rings[0], r));
    }

    [Fact]
    public async Task ReloadAsync_CalledAgainRightAfter_SecondReadStartsMinIntervalLater()
    {
        // Arrange: the spacing is on the machine's monotonic clock, which a token's clock never stalls.
        using var node = Provider();
        await node.GetKeyRingAsync(Ct);
        var reloader = new KeyRingReloader(node, new FakeLogger<KeyRingReloader>(_logs));
        var stopwatch = Stopwatch.StartNew();

        // Act
        await reloader.ReloadAsync();
        await reloader.ReloadAsync();

        // Assert: invented key ids cannot make the store be read more often than every 250 ms.
        Assert.Equal(2, reloader.Reads);
        Assert.True(stopwatch.Elapsed >= KeyRingReloader.MinInterval - TimeSpan.FromMilliseconds(5), $"{stopwatch.Elapsed}");
    }

    [Fact]
    public async Task ReloadAsync_StoreFails_KeepsTheRingHeldAndWarns()
    {
        // Arrange
        using var node = Provider();
        var held = await node.GetKeyRingAsync(Ct);
        var reloader = new KeyRingReloader(node, new FakeLogger<KeyRingReloader>(_logs));
        _store.Fail = true;

        // Act
        var ring = await reloader.ReloadAsync();

        // Assert
        Assert.Same(held, ring);
        Assert.Same(held, node.GetKeyRing());
        Assert.Equal(1021, Assert.Single(_logs.GetSnapshot(), r => r.Level == LogLevel.Warning).Id.Id);
    }

    private StoredKeyRingProvider Provider() => new(_store, _dataProtection, _time, new Options(), new FakeLogger<StoredKeyRingProvider>(_logs));

    private sealed class SharedStore : IKeyRingStore
    {
        private string? _saved;

        public bool Fail { get; set; }

        public TaskCompletionSource? Hold { get; set; }

        public TaskCompletionSource Entered { get; set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task<string?> LoadAsync(CancellationToken cancellationToken)
        {
            Entered.TrySetResult();
            if (Hold is { } hold)
            {
                await hold.Task;
            }

            return Fail ? throw new InvalidOperationException("store down") : _saved;
        }

        public Task SaveAsync(string protectedKeyRing, CancellationToken cancellationToken)
        {
            _saved = protectedKeyRing;
            return Task.CompletedTask;
        }
    }

    private sealed class Options : IOptionsMonitor<TimeTokenOptions>
    {
        public TimeTokenOptions CurrentValue { get; } = new();

        public TimeTokenOptions Get(string? name) => CurrentValue;

        public IDisposable? OnChange(Action<TimeTokenOptions, string?> listener) => null;
    }
}
