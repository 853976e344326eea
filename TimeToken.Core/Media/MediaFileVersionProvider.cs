using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace TimeToken.Core.Media;

/// <summary>The default <see cref="IMediaFileVersionProvider"/>: a bounded, time-limited cache per path.</summary>
/// <remarks>
/// <para>
/// Fresh for <see cref="MediaFileVersionOptions.CacheSeconds"/> (a local file system:
/// <see cref="MediaFileVersionOptions.LocalCacheSeconds"/>). On a remote store an entry is then served stale for up to
/// <see cref="MediaFileVersionOptions.StaleSeconds"/> more while one background look-up refreshes it; past that it is
/// looked up before answering. A local file system is never served stale.
/// </para>
/// <para>
/// The parts, each readable alone: <see cref="MediaFileVersionCache"/> (the entries, their bounds, invalidation),
/// <see cref="MediaStoreReader"/> (one store call, its timeout and failures), <see cref="MediaFolderListings"/> (on a
/// miss, the whole folder listed once, shared by concurrent misses). This class decides when to use which, and runs
/// the look-ups nobody waits for in the background.
/// </para>
/// </remarks>
internal sealed class MediaFileVersionProvider : IMediaFileVersionProvider
{
    /// <summary>The most look-ups running in the background at once.</summary>
    internal const int MaxBackgroundLoads = 1_000;

    private static readonly TimeSpan MinRefreshInterval = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<string, Task> _background = new(StringComparer.Ordinal);
    private readonly MediaFileVersionCache _cache;
    private readonly MediaStoreReader _store;
    private readonly MediaFolderListings _folders;
    private readonly IOptionsMonitor<MediaFileVersionOptions> _options;
    private readonly TimeProvider _timeProvider;

    public MediaFileVersionProvider(
        IMediaFileInfoSource source,
        IOptionsMonitor<MediaFileVersionOptions> options,
        TimeProvider timeProvider,
        ILogger<MediaFileVersionProvider>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        var log = logger ?? (ILogger)NullLogger.Instance;
        _options = options;
        _timeProvider = timeProvider;
        _cache = new MediaFileVersionCache(timeProvider, log);
        _store = new MediaStoreReader(source, timeProvider, log);
        _folders = new MediaFolderListings(_store, _cache, timeProvider);
    }

    /// <summary>The number of cached paths; for tests.</summary>
    internal int Count => _cache.Count;

    /// <summary>The folder listings not yet forgotten; for tests.</summary>
    internal int FolderListingsInFlight => _folders.InFlight;

    /// <summary>The look-ups running in the background now; for tests.</summary>
    internal Task WhenBackgroundIdle() => Task.WhenAll(_background.Values);

    public ValueTask<MediaFileVersion?> GetVersionAsync(string normalizedPath, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(normalizedPath);
        return TryGetCached(normalizedPath, out var version) ? ValueTask.FromResult(version) : LoadAsync(normalizedPath, cancellationToken);
    }

    public bool TryGetVersion(string normalizedPath, out MediaFileVersion? version)
    {
        ArgumentNullException.ThrowIfNull(normalizedPath);
        if (TryGetCached(normalizedPath, out version))
        {
            return true;
        }

        if (_background.ContainsKey(normalizedPath))
        {
            return false;
        }

        var pending = LoadAsync(normalizedPath, CancellationToken.None);
        if (pending.IsCompletedSuccessfully)
        {
            // A store that answered without waiting (a local file system).
            version = pending.Result;
            return true;
        }

        // The look-up goes on in the background and fills the cache; nobody waits for it here.
        Track(normalizedPath, pending.AsTask());
        return false;
    }

    public async ValueTask<MediaFileVersion?> RefreshAsync(string normalizedPath, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(normalizedPath);

        // At most one look-up per path and interval, so requests with bad tokens cannot drive store calls.
        if (_cache.TryGet(normalizedPath, out var entry)
            && _timeProvider.GetElapsedTime(entry.LoadedAt) < MinRefreshInterval)
        {
            return entry.Version;
        }

        return await LoadOneAsync(normalizedPath, _options.CurrentValue, cancellationToken).ConfigureAwait(false);
    }

    public void Invalidate(string path)
    {
        if (path is not null && MediaPath.TryNormalize(path, out var normalized))
        {
            _cache.Invalidate(normalized);
        }
    }

    public void InvalidatePrefix(string folder)
    {
        if (string.IsNullOrEmpty(folder) || folder == "/" || !MediaPath.TryNormalizeFolder(folder, out var normalized))
        {
            _cache.Clear();
            return;
        }

        _cache.InvalidateFolder(normalized);
    }

    /// <summary>Forgets every cached version; for benchmarks of a cold start.</summary>
    internal void Clear() => _cache.Clear();

    // A fresh entry, or a stale one within its bound (then one background look-up refreshes it).
    private bool TryGetCached(string normalizedPath, out MediaFileVersion? version)
    {
        version = null;
        if (!_cache.TryGet(normalizedPath, out var entry))
        {
            return false;
        }

        var now = _timeProvider.GetTimestamp();
        if (now >= entry.StaleUntil)
        {
            return false;
        }

        if (now >= entry.FreshUntil && !_background.ContainsKey(normalizedPath))
        {
            Track(normalizedPath, LoadAsync(normalizedPath, CancellationToken.None).AsTask());
        }

        version = entry.Version;
        return true;
    }

    // Keeps one background look-up per path in view (bounded), and observes its failure (already logged).
    private void Track(string normalizedPath, Task load)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tracked = _background.Count < MaxBackgroundLoads && _background.TryAdd(normalizedPath, done.Task);
        _ = ObserveAsync(normalizedPath, load, tracked ? done : null);
    }

    private async Task ObserveAsync(string normalizedPath, Task load, TaskCompletionSource? done)
    {
        try
        {
            await load.ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is MediaStoreUnavailableException or OperationCanceledException)
        {
            // Logged where it happened; the next use asks again.
        }
        finally
        {
            if (done is not null)
            {
                _background.TryRemove(new KeyValuePair<string, Task>(normalizedPath, done.Task));
                done.SetResult();
            }
        }
    }

    // On a miss: the folder listed once (also on a local disk: one listing instead of a stat per file), then, for a
    // file the listing did not give fresh (it is not there, or the listing was not possible), the file by itself.
    private async ValueTask<MediaFileVersion?> LoadAsync(string normalizedPath, CancellationToken cancellationToken)
    {
        var options = _options.CurrentValue;
        if (await _folders.LoadAsync(MediaFolderListings.FolderOf(normalizedPath), options, cancellationToken).ConfigureAwait(false)
            && _cache.TryGetFresh(normalizedPath, out var listed))
        {
            return listed;
        }

        return await LoadOneAsync(normalizedPath, options, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<MediaFileVersion?> LoadOneAsync(string normalizedPath, MediaFileVersionOptions options, CancellationToken cancellationToken)
    {
        var generation = _cache.Generation;
        var version = await _store.GetVersionAsync(normalizedPath, options, cancellationToken).ConfigureAwait(false);
        _cache.Store(normalizedPath, version, options, _store.IsLocal, generation);
        return version;
    }
}
