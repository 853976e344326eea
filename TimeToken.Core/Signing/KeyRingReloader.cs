using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace TimeToken.Core.Signing;

/// <summary>
/// Reads the stored key ring again before a token whose key is not in the ring held in memory is refused.
/// </summary>
/// <remarks>
/// On a web farm every node holds the ring in memory. After a rotation on one node, that node signs with the new key
/// at once, while the others still hold the old ring until they reload the tenant: without this, they would refuse
/// valid links for that moment. A token naming an unknown key makes the ring be read again once, then it is checked
/// again. Reads are shared and spaced: every request waiting joins the next read (one that starts after it arrived,
/// so it sees what was saved before), and reads start at least <see cref="MinInterval"/> apart, so tokens with
/// invented key ids cannot make the store be read more often than that. The spacing is measured on the machine's
/// monotonic clock, not on the <see cref="TimeProvider"/> that dates tokens. A failed read keeps the ring held.
/// Security: a key read this way is one the store holds, protected by the application's Data Protection keys; the
/// token is then checked against it exactly as against any other key.
/// </remarks>
internal sealed class KeyRingReloader
{
    /// <summary>The least time between two reads of the store: 250 ms.</summary>
    public static readonly TimeSpan MinInterval = TimeSpan.FromMilliseconds(250);

    private readonly StoredKeyRingProvider _provider;
    private readonly ILogger _logger;
    private readonly Lock _lock = new();
    private Task<KeyRing>? _next;
    private Task _running = Task.CompletedTask;
    private long _lastStart = long.MinValue / 2;

    public KeyRingReloader(StoredKeyRingProvider provider, ILogger<KeyRingReloader> logger)
    {
        _provider = provider;
        _logger = logger;
    }

    /// <summary>How many times the store was read again; for tests.</summary>
    internal int Reads { get; private set; }

    /// <summary>The ring as stored now: read again by a read that starts after this call.</summary>
    /// <returns>The ring read, or the ring held when the store could not be read.</returns>
    public Task<KeyRing> ReloadAsync()
    {
        lock (_lock)
        {
            return _next ??= ReadAsync(_running);
        }
    }

    private async Task<KeyRing> ReadAsync(Task previous)
    {
        // Never synchronously: the caller stores this task in _next before the read may clear it.
        await Task.Yield();
        await previous.ConfigureAwait(false);
        var wait = Stopwatch.GetElapsedTime(Volatile.Read(ref _lastStart)) - MinInterval;
        if (wait < TimeSpan.Zero)
        {
            await Task.Delay(-wait).ConfigureAwait(false);
        }

        lock (_lock)
        {
            _running = _next!;
            _next = null;
            _lastStart = Stopwatch.GetTimestamp();
            Reads++;
        }

        try
        {
            var ring = await _provider.ReloadAsync(CancellationToken.None).ConfigureAwait(false);
            Log.KeyRingReloaded(_logger, ring.Active.Id);
            return ring;
        }
#pragma warning disable CA1031 // The store failing must not fail the request: the ring held stays.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.KeyRingReloadFailed(_logger, ex.GetType().Name);
            return _provider.GetKeyRing();
        }
    }
}
