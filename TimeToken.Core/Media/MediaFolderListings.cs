using System.Collections.Concurrent;

namespace TimeToken.Core.Media;

/// <summary>
/// Fills the version cache from one folder listing on a miss (<see cref="IMediaFileInfoSource.ListFilesAsync"/>): a
/// page of N links into one folder costs one store call instead of N, and concurrent misses in the folder share it.
/// </summary>
/// <remarks>
/// A listing is forgotten once done, also when its only caller stopped waiting. A store that cannot list is not asked
/// again; a folder too large to list (more than <see cref="MaxFolderEntries"/> files) is not asked again while its
/// entries would have stayed fresh. Its files are then asked for one by one.
/// </remarks>
internal sealed class MediaFolderListings
{
    /// <summary>The most files of one folder listing that are cached.</summary>
    internal const int MaxFolderEntries = 5_000;

    /// <summary>The most folders remembered as too large.</summary>
    private const int MaxLargeFolders = 1_000;

    private readonly ConcurrentDictionary<string, Lazy<Task<bool>>> _inFlight = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _tooLarge = new(StringComparer.Ordinal);
    private readonly MediaStoreReader _store;
    private readonly MediaFileVersionCache _cache;
    private readonly TimeProvider _timeProvider;
    private volatile bool _cannotList;

    public MediaFolderListings(MediaStoreReader store, MediaFileVersionCache cache, TimeProvider timeProvider)
    {
        _store = store;
        _cache = cache;
        _timeProvider = timeProvider;
    }

    /// <summary>The listings not yet forgotten.</summary>
    public int InFlight => _inFlight.Count;

    /// <summary>
    /// Lists the folder of a path into the cache, sharing a listing already under way. False when the store cannot
    /// list, the folder is too large, the listing failed, or nothing listed would be kept.
    /// </summary>
    public async ValueTask<bool> LoadAsync(string folder, MediaFileVersionOptions options, CancellationToken cancellationToken)
    {
        if (_cannotList || !(MediaFileVersionCache.FreshSeconds(options, _store.IsLocal) > 0)
            || (_tooLarge.TryGetValue(folder, out var until) && _timeProvider.GetTimestamp() < until))
        {
            return false;
        }

        // Lazy: of the callers that race to add the folder, one starts the listing and all share it.
        var load = _inFlight.GetOrAdd(folder, f => new Lazy<Task<bool>>(() => ListAsync(f, options)));
        try
        {
            return await load.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            var entry = new KeyValuePair<string, Lazy<Task<bool>>>(folder, load);
            if (load.Value.IsCompleted)
            {
                _inFlight.TryRemove(entry);
            }
            else
            {
                _ = load.Value.ContinueWith(_ => _inFlight.TryRemove(entry), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }
        }
    }

    private async Task<bool> ListAsync(string folder, MediaFileVersionOptions options)
    {
        var generation = _cache.Generation;
        IReadOnlyList<KeyValuePair<string, MediaFileInfo>>? files;
        try
        {
            files = await _store.ListAsync(folder, MaxFolderEntries + 1, options).ConfigureAwait(false);
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
            if (_tooLarge.Count >= MaxLargeFolders)
            {
                _tooLarge.Clear();
            }

            var seconds = MediaFileVersionCache.FreshSeconds(options, _store.IsLocal);
            _tooLarge[folder] = _timeProvider.GetTimestamp() + (long)(seconds * _timeProvider.TimestampFrequency);
            return false;
        }

        var local = _store.IsLocal;
        foreach (var (path, info) in files)
        {
            if (MediaPath.TryNormalize(path, out var normalized) && FolderOf(normalized) == folder
                && MediaFileVersion.TryCreate(info, out var version))
            {
                _cache.Store(normalized, version, options, local, generation);
            }
        }

        return true;
    }

    /// <summary>The folder of a normalised path: empty for the root, else ending with <c>/</c>.</summary>
    public static string FolderOf(string normalizedPath)
    {
        var slash = normalizedPath.LastIndexOf('/');
        return slash < 0 ? string.Empty : normalizedPath[..(slash + 1)];
    }
}
