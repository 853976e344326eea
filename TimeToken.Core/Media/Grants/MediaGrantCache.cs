using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace TimeToken.Core.Media;

/// <summary>
/// The per-node cache of grant look-ups: an entry answers for <see cref="MediaGrantOptions.CacheSeconds"/> after the
/// store was asked, unless <see cref="Invalidate"/> removes it first. Unknown grants are kept too, so a valid token for
/// a missing grant does not reach the store on every request. Bounded by <see cref="MaxEntries"/>.
/// </summary>
/// <remarks>
/// A look-up that was under way when a grant was invalidated may have read it before the change: every invalidation
/// moves a generation counter, and such a look-up does not keep what it read.
/// </remarks>
internal sealed class MediaGrantCache : IMediaGrantCache
{
    /// <summary>The most grants kept; when full, the cache starts again empty.</summary>
    internal const int MaxEntries = 10_000;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly IMediaGrantStore _store;
    private readonly IOptionsMonitor<MediaGrantOptions> _options;
    private readonly TimeProvider _timeProvider;
    private long _generation;

    public MediaGrantCache(IMediaGrantStore store, IOptionsMonitor<MediaGrantOptions> options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _store = store;
        _options = options;
        _timeProvider = timeProvider;
    }

    /// <summary>The number of grants kept; for tests.</summary>
    internal int Count => _entries.Count;

    /// <summary>Finds a grant, from the cache while its entry is fresh, else from the store.</summary>
    /// <param name="grantId">The grant id from a verified token.</param>
    /// <param name="cancellationToken">Cancels the store look-up.</param>
    /// <returns>The grant, or <see langword="null"/> when the store has none.</returns>
    public async ValueTask<MediaGrant?> FindAsync(string grantId, CancellationToken cancellationToken)
    {
        var now = _timeProvider.GetUtcNow();
        if (_entries.TryGetValue(grantId, out var cached) && now < cached.FreshUntil)
        {
            return cached.Grant;
        }

        var generation = Interlocked.Read(ref _generation);
        var grant = await _store.FindAsync(grantId, cancellationToken).ConfigureAwait(false);
        var seconds = _options.CurrentValue.CacheSeconds;
        if (seconds > 0)
        {
            if (_entries.Count >= MaxEntries)
            {
                _entries.Clear();
            }

            var entry = new Entry(grant, now.AddSeconds(seconds));
            _entries[grantId] = entry;
            if (Interlocked.Read(ref _generation) != generation)
            {
                _entries.TryRemove(KeyValuePair.Create(grantId, entry));
            }
        }

        return grant;
    }

    public void Invalidate(string grantId)
    {
        ArgumentNullException.ThrowIfNull(grantId);
        Interlocked.Increment(ref _generation);
        _entries.TryRemove(grantId, out _);
    }

    public void InvalidateAll()
    {
        Interlocked.Increment(ref _generation);
        _entries.Clear();
    }

    private sealed record Entry(MediaGrant? Grant, DateTimeOffset FreshUntil);
}
