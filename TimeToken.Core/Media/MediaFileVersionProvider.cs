using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace TimeToken.Core.Media;

/// <summary>The default <see cref="IMediaFileVersionProvider"/>: a bounded, time-limited cache per path.</summary>
internal sealed class MediaFileVersionProvider : IMediaFileVersionProvider
{
    private readonly ConcurrentDictionary<string, Entry> _cache = new(StringComparer.Ordinal);
    private readonly IMediaFileInfoSource _source;
    private readonly IOptionsMonitor<MediaFileVersionOptions> _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private long _generation;

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

    public ValueTask<string?> GetVersionAsync(string normalizedPath, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(normalizedPath);
        var now = _timeProvider.GetTimestamp();
        if (_cache.TryGetValue(normalizedPath, out var entry) && now < entry.ExpiresAtTimestamp)
        {
            return ValueTask.FromResult(entry.Version);
        }

        return LoadAsync(normalizedPath, cancellationToken);
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

    private async ValueTask<string?> LoadAsync(string normalizedPath, CancellationToken cancellationToken)
    {
        var options = _options.CurrentValue;
        var generation = Interlocked.Read(ref _generation);
        var timeout = TimeSpan.FromSeconds(options.StoreTimeoutSeconds > 0 ? options.StoreTimeoutSeconds : 5);
        MediaFileInfo info;
        try
        {
            info = await _source.GetFileInfoAsync(normalizedPath, cancellationToken)
                .AsTask()
                .WaitAsync(timeout, _timeProvider, cancellationToken)
                .ConfigureAwait(false);
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

        var version = info.Exists ? FormatVersion(info.LastModifiedUtc, info.Length) : null;
        Store(normalizedPath, version, options, generation);
        return version;
    }

    private void Store(string normalizedPath, string? version, MediaFileVersionOptions options, long generation)
    {
        var seconds = _source.IsLocalFileSystem ? Math.Min(options.CacheSeconds, options.LocalCacheSeconds) : options.CacheSeconds;
        if (!(seconds > 0))
        {
            return;
        }

        var max = Math.Max(1, options.MaxCacheEntries);
        if (_cache.Count >= max && !_cache.ContainsKey(normalizedPath))
        {
            Prune(max);
        }

        var expiresAt = _timeProvider.GetTimestamp() + (long)(seconds * _timeProvider.TimestampFrequency);
        _cache[normalizedPath] = new Entry(version, expiresAt);

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
            if (pair.Value.Version is null || now >= pair.Value.ExpiresAtTimestamp)
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

    private readonly record struct Entry(string? Version, long ExpiresAtTimestamp);
}
