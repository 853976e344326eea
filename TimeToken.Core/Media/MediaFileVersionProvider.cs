using System.Collections.Concurrent;
using System.Globalization;
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
/// On a miss, a store that can list a folder (<see cref="IMediaFileInfoSource.ListFilesAsync"/>) is asked for the
/// whole folder once, and every file in it is cached: a page of N links into one folder costs one store call, and
/// concurrent misses in the folder share it. Races with invalidations are handled by a generation counter: what was
/// read before an invalidation is not kept.
/// </para>
/// </remarks>
internal sealed class MediaFileVersionProvider : IMediaFileVersionProvider
{
    /// <summary>The most files of one folder listing that are cached.</summary>
    internal const int MaxFolderEntries = 5_000;

    /// <summary>The most look-ups running in the background at once.</summary>
    internal const int MaxBackgroundLoads = 1_000;

    private static readonly TimeSpan MinRefreshInterval = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<string, Entry> _cache = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Task> _background = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<Task<bool>>> _folderLoads = new(StringComparer.Ordinal);
    private readonly IMediaFileInfoSource _source;
    private readonly IOptionsMonitor<MediaFileVersionOptions> _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private long _generation;
    private volatile bool _cannotList;

    public MediaFileVersionProvider(
        IMediaFileInfoSource source,
        IOptionsMonitor<MediaFileVersionOptions> options,
        TimeProvider timeProvider,
        ILogger<MediaFileVersionProvider>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _source = source;
        _options = options;
        _timeProvider = timeProvider;
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <summary>The number of cached paths; for tests.</summary>
    internal int Count => _cache.Count;

    /// <summary>The folder listings not yet forgotten; for tests.</summary>
    internal int FolderListingsInFlight => _folderLoads.Count;

    /// <summary>The look-ups running in the background now; for tests.</summary>
    internal Task WhenBackgroundIdle() => Task.WhenAll(_background.Values);

    public ValueTask<string?> GetVersionAsync(string normalizedPath, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(normalizedPath);
        return TryGetCached(normalizedPath, out var version) ? ValueTask.FromResult(version) : LoadAsync(normalizedPath, cancellationToken);
    }

    public bool TryGetVersion(string normalizedPath, out string? version)
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

    public async ValueTask<string?> RefreshAsync(string normalizedPath, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(normalizedPath);

        // At most one look-up per path and interval, so requests with bad tokens cannot drive store calls.
        if (_cache.TryGetValue(normalizedPath, out var entry)
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
            Interlocked.Increment(ref _generation);
            _cache.TryRemove(normalized, out _);
        }
    }

    public void InvalidatePrefix(string folder)
    {
        if (string.IsNullOrEmpty(folder) || folder == "/" || !MediaPath.TryNormalizeFolder(folder, out var normalized))
        {
            Clear();
            return;
        }

        Interlocked.Increment(ref _generation);
        foreach (var key in _cache.Keys)
        {
            if (key.StartsWith(normalized, StringComparison.Ordinal))
            {
                _cache.TryRemove(key, out _);
            }
        }
    }

    public void Clear()
    {
        Interlocked.Increment(ref _generation);
        _cache.Clear();
    }

    /// <summary>
    /// The version text: the last write time in 100 ns ticks since the unix epoch (the full precision the store
    /// reports), a dash, and the length.
    /// </summary>
    internal static string FormatVersion(DateTimeOffset lastModifiedUtc, long length) =>
        string.Create(CultureInfo.InvariantCulture, $"{lastModifiedUtc.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks}-{length}");

    /// <summary>The last write time of a version text from <see cref="FormatVersion"/>, in ticks since the unix epoch.</summary>
    internal static bool TryGetWriteTicks(string version, out long ticks)
    {
        var dash = version.IndexOf('-', 1);
        ticks = 0;
        return dash > 0 && long.TryParse(version.AsSpan(0, dash), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out ticks);
    }

    // A fresh entry, or a stale one within its bound (then one background look-up refreshes it).
    private bool TryGetCached(string normalizedPath, out string? version)
    {
        version = null;
        if (!_cache.TryGetValue(normalizedPath, out var entry))
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

    private async ValueTask<string?> LoadAsync(string normalizedPath, CancellationToken cancellationToken)
    {
        var options = _options.CurrentValue;
        var folder = FolderOf(normalizedPath);
        // Only a fresh entry comes from the listing: an older one, of a file the listing no longer holds, is asked for.
        if (!_source.IsLocalFileSystem && !_cannotList && await LoadFolderAsync(folder, options, cancellationToken).ConfigureAwait(false)
            && _cache.TryGetValue(normalizedPath, out var listed) && _timeProvider.GetTimestamp() < listed.FreshUntil)
        {
            return listed.Version;
        }

        return await LoadOneAsync(normalizedPath, options, cancellationToken).ConfigureAwait(false);
    }

    // One store call for the whole folder, shared by every concurrent miss in it. False when the store cannot list
    // folders, the listing failed or was cut at MaxFolderEntries (then each file is asked for by itself).
    private async ValueTask<bool> LoadFolderAsync(string folder, MediaFileVersionOptions options, CancellationToken cancellationToken)
    {
        // Lazy: of the callers that race to add the folder, one starts the listing and all share it.
        var load = _folderLoads.GetOrAdd(folder, f => new Lazy<Task<bool>>(() => ListFolderAsync(f, options)));
        try
        {
            return await load.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // Forget the listing once it is done, also when this caller stopped waiting for it before then.
            var entry = new KeyValuePair<string, Lazy<Task<bool>>>(folder, load);
            if (load.Value.IsCompleted)
            {
                _folderLoads.TryRemove(entry);
            }
            else
            {
                _ = load.Value.ContinueWith(_ => _folderLoads.TryRemove(entry), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }
        }
    }

    private async Task<bool> ListFolderAsync(string folder, MediaFileVersionOptions options)
    {
        var generation = Interlocked.Read(ref _generation);
        IReadOnlyList<KeyValuePair<string, MediaFileInfo>>? files;
        try
        {
            files = await AskStoreAsync(() => _source.ListFilesAsync(folder, MaxFolderEntries + 1, CancellationToken.None), options, CancellationToken.None).ConfigureAwait(false);
        }
        catch (MediaStoreUnavailableException)
        {
            return false;
        }

        if (files is null)
        {
            _cannotList = true;
            return false;
        }

        if (files.Count > MaxFolderEntries)
        {
            return false;
        }

        foreach (var (path, info) in files)
        {
            if (MediaPath.TryNormalize(path, out var normalized) && FolderOf(normalized) == folder && info.Exists && IsPlausible(info))
            {
                Store(normalized, FormatVersion(info.LastModifiedUtc, info.Length), options, generation);
            }
        }

        return true;
    }

    private async ValueTask<string?> LoadOneAsync(string normalizedPath, MediaFileVersionOptions options, CancellationToken cancellationToken)
    {
        var generation = Interlocked.Read(ref _generation);
        var info = await AskStoreAsync(() => _source.GetFileInfoAsync(normalizedPath, cancellationToken), options, cancellationToken).ConfigureAwait(false);
        if (info.Exists && !IsPlausible(info))
        {
            Log.MediaStoreFailed(_logger, new InvalidDataException("The media store reported a negative length or a write time before 1970."));
            throw new MediaStoreUnavailableException("The media store gave an impossible answer.");
        }

        var version = info.Exists ? FormatVersion(info.LastModifiedUtc, info.Length) : null;
        Store(normalizedPath, version, options, generation);
        return version;
    }

    private async ValueTask<T> AskStoreAsync<T>(Func<ValueTask<T>> ask, MediaFileVersionOptions options, CancellationToken cancellationToken)
    {
        var timeout = TimeSpan.FromSeconds(options.StoreTimeoutSeconds > 0 ? options.StoreTimeoutSeconds : 5);
        try
        {
            var pending = ask();
            return pending.IsCompletedSuccessfully
                ? pending.Result
                : await pending.AsTask().WaitAsync(timeout, _timeProvider, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            Log.MediaStoreTimedOut(_logger, timeout.TotalSeconds);
            throw new MediaStoreUnavailableException("The media store did not answer in time.");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception exception)
        {
            Log.MediaStoreFailed(_logger, exception);
            throw new MediaStoreUnavailableException("The media store failed.", exception);
        }
    }

    private void Store(string normalizedPath, string? version, MediaFileVersionOptions options, long generation)
    {
        var local = _source.IsLocalFileSystem;
        var seconds = local ? Math.Min(options.CacheSeconds, options.LocalCacheSeconds) : options.CacheSeconds;
        if (!(seconds > 0))
        {
            return;
        }

        var max = Math.Max(1, options.MaxCacheEntries);
        if (_cache.Count >= max && !_cache.ContainsKey(normalizedPath))
        {
            Prune(max);
        }

        var now = _timeProvider.GetTimestamp();
        var freshUntil = now + (long)(seconds * _timeProvider.TimestampFrequency);
        var staleUntil = local ? freshUntil : freshUntil + (long)(Math.Max(0, options.StaleSeconds) * _timeProvider.TimestampFrequency);
        _cache[normalizedPath] = new Entry(version, now, freshUntil, staleUntil);

        // An invalidation that ran while the store was asked may concern this path: do not keep what was read before it.
        if (Interlocked.Read(ref _generation) != generation)
        {
            _cache.TryRemove(normalizedPath, out _);
        }
    }

    private void Prune(int max)
    {
        var now = _timeProvider.GetTimestamp();
        foreach (var pair in _cache)
        {
            if (pair.Value.Version is null || now >= pair.Value.StaleUntil)
            {
                _cache.TryRemove(pair.Key, out _);
            }
        }

        if (_cache.Count >= max)
        {
            _cache.Clear();
            Log.FileVersionCacheFull(_logger, max);
        }
    }

    // A store's answer that cannot be a file's: its version would bind nothing.
    private static bool IsPlausible(MediaFileInfo info) => info.Length >= 0 && info.LastModifiedUtc >= DateTimeOffset.UnixEpoch;

    private static string FolderOf(string normalizedPath)
    {
        var slash = normalizedPath.LastIndexOf('/');
        return slash < 0 ? string.Empty : normalizedPath[..(slash + 1)];
    }

    private readonly record struct Entry(string? Version, long LoadedAt, long FreshUntil, long StaleUntil);
}
