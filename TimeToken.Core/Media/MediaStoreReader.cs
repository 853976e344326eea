using Microsoft.Extensions.Logging;

namespace TimeToken.Core.Media;

/// <summary>
/// Asks the <see cref="IMediaFileInfoSource"/> one thing at a time, bounded by
/// <see cref="MediaFileVersionOptions.StoreTimeoutSeconds"/>: a failure, a timeout or an impossible answer becomes
/// <see cref="MediaStoreUnavailableException"/> (logged once here), so callers never see the store's own exceptions.
/// </summary>
internal sealed class MediaStoreReader
{
    private readonly IMediaFileInfoSource _source;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    public MediaStoreReader(IMediaFileInfoSource source, TimeProvider timeProvider, ILogger logger)
    {
        _source = source;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <summary>Whether the store is a local file system (<see cref="IMediaFileInfoSource.IsLocalFileSystem"/>).</summary>
    public bool IsLocal => _source.IsLocalFileSystem;

    /// <summary>The version of one file, or <see langword="null"/> when there is none.</summary>
    /// <exception cref="MediaStoreUnavailableException">The store failed, did not answer in time, or gave an impossible answer.</exception>
    public async ValueTask<MediaFileVersion?> GetVersionAsync(string normalizedPath, MediaFileVersionOptions options, CancellationToken cancellationToken)
    {
        var info = await AskAsync(static (s, path, ct) => s.GetFileInfoAsync(path, ct), normalizedPath, options, cancellationToken).ConfigureAwait(false);
        if (!info.Exists)
        {
            return null;
        }

        if (!MediaFileVersion.TryCreate(info, out var version))
        {
            Log.MediaStoreFailed(_logger, new InvalidDataException("The media store reported a negative length or a write time before 1970."));
            throw new MediaStoreUnavailableException("The media store gave an impossible answer.");
        }

        return version;
    }

    /// <summary>The files directly in a folder, at most <paramref name="maxFiles"/>; <see langword="null"/> when the store cannot list.</summary>
    /// <exception cref="MediaStoreUnavailableException">The store failed or did not answer in time.</exception>
    public ValueTask<IReadOnlyList<KeyValuePair<string, MediaFileInfo>>?> ListAsync(string normalizedFolder, int maxFiles, MediaFileVersionOptions options) =>
        AskAsync((s, folder, ct) => s.ListFilesAsync(folder, maxFiles, ct), normalizedFolder, options, CancellationToken.None);

    private async ValueTask<T> AskAsync<T>(
        Func<IMediaFileInfoSource, string, CancellationToken, ValueTask<T>> ask,
        string argument,
        MediaFileVersionOptions options,
        CancellationToken cancellationToken)
    {
        var timeout = TimeSpan.FromSeconds(options.StoreTimeoutSeconds);
        try
        {
            var pending = ask(_source, argument, cancellationToken);
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
}
