using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace TimeToken.Core.Media;

/// <summary>
/// The entries of the file-version cache: per path, the version (or none: no file) and until when it is fresh and
/// until when it may still be served stale. Bounded by <see cref="MediaFileVersionOptions.MaxCacheEntries"/>.
/// </summary>
/// <remarks>
/// Races with invalidations are settled by a generation counter: a caller reads <see cref="Generation"/> before it
/// asks the store and passes it to <see cref="Store"/>; what was read before an invalidation is not kept.
/// </remarks>
internal sealed class MediaFileVersionCache
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private long _generation;

    public MediaFileVersionCache(TimeProvider timeProvider, ILogger logger)
    {
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <summary>The number of cached paths.</summary>
    public int Count => _entries.Count;

    /// <summary>Changes on every invalidation; read it before asking the store.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    /// <summary>The entry of a path, whatever its age.</summary>
    public bool TryGet(string normalizedPath, out Entry entry) => _entries.TryGetValue(normalizedPath, out entry);

    /// <summary>The entry of a path while it is fresh.</summary>
    public bool TryGetFresh(string normalizedPath, out MediaFileVersion? version)
    {
        var found = _entries.TryGetValue(normalizedPath, out var entry) && _timeProvider.GetTimestamp() < entry.FreshUntil;
        version = found ? entry.Version : null;
        return found;
    }

    /// <summary>How long an entry stays fresh, in seconds: 0 keeps nothing.</summary>
    public static double FreshSeconds(MediaFileVersionOptions options, bool local) =>
        local ? Math.Min(options.CacheSeconds, options.LocalCacheSeconds) : options.CacheSeconds;

    /// <summary>Keeps what the store said about a path, unless an invalidation ran since <paramref name="generation"/>.</summary>
    public void Store(string normalizedPath, MediaFileVersion? version, MediaFileVersionOptions options, bool local, long generation)
    {
        var seconds = FreshSeconds(options, local);
        if (!(seconds > 0))
        {
            return;
        }

        var max = Math.Max(1, options.MaxCacheEntries);
        if (_entries.Count >= max && !_entries.ContainsKey(normalizedPath))
        {
            Prune(max);
        }

        var now = _timeProvider.GetTimestamp();
        var freshUntil = now + (long)(seconds * _timeProvider.TimestampFrequency);
        var staleUntil = local ? freshUntil : freshUntil + (long)(Math.Max(0, options.StaleSeconds) * _timeProvider.TimestampFrequency);
        _entries[normalizedPath] = new Entry(version, now, freshUntil, staleUntil);

        // An invalidation that ran while the store was asked may concern this path: do not keep what was read before it.
        if (Interlocked.Read(ref _generation) != generation)
        {
            _entries.TryRemove(normalizedPath, out _);
        }
    }

    /// <summary>Forgets one path.</summary>
    public void Invalidate(string normalizedPath)
    {
        Interlocked.Increment(ref _generation);
        _entries.TryRemove(normalizedPath, out _);
    }

    /// <summary>Forgets every path below a normalised folder (ending with <c>/</c>).</summary>
    public void InvalidateFolder(string normalizedFolder)
    {
        Interlocked.Increment(ref _generation);
        foreach (var key in _entries.Keys)
        {
            if (key.StartsWith(normalizedFolder, StringComparison.Ordinal))
            {
                _entries.TryRemove(key, out _);
            }
        }
    }

    /// <summary>Forgets everything.</summary>
    public void Clear()
    {
        Interlocked.Increment(ref _generation);
        _entries.Clear();
    }

    private void Prune(int max)
    {
        var now = _timeProvider.GetTimestamp();
        foreach (var pair in _entries)
        {
            if (pair.Value.Version is null || now >= pair.Value.StaleUntil)
            {
                _entries.TryRemove(pair.Key, out _);
            }
        }

        if (_entries.Count >= max)
        {
            _entries.Clear();
            Log.FileVersionCacheFull(_logger, max);
        }
    }

    /// <summary>One path's version (none: no file), when it was read, and its fresh and stale bounds (timestamps).</summary>
    internal readonly record struct Entry(MediaFileVersion? Version, long LoadedAt, long FreshUntil, long StaleUntil);
}
