using TimeToken.Core.Media;

namespace TimeToken.OrchardCore.Media;

/// <summary>Answers the file-version look-ups of the signer and the gate from Orchard's media store.</summary>
internal sealed class MediaFileStoreInfoSource : IMediaFileInfoSource
{
    private readonly InnerMediaFileStore _store;

    /// <summary>Creates the source.</summary>
    /// <param name="store">The undecorated media store.</param>
    /// <param name="isLocalFileSystem">
    /// Whether the store keeps its files on the local disk (Orchard's default store), so versions are checked again
    /// within a second; remote stores (Azure Blob, Amazon S3) keep their bounded cache.
    /// </param>
    public MediaFileStoreInfoSource(InnerMediaFileStore store, bool isLocalFileSystem)
    {
        _store = store;
        IsLocalFileSystem = isLocalFileSystem;
    }

    public bool IsLocalFileSystem { get; }

    public async ValueTask<MediaFileInfo> GetFileInfoAsync(string normalizedPath, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var entry = await _store.Store.GetFileInfoAsync(normalizedPath).WaitAsync(cancellationToken).ConfigureAwait(false);
        if (entry is null || entry.IsDirectory)
        {
            return MediaFileInfo.NotFound;
        }

        return Describe(entry);
    }

    /// <summary>
    /// Lists a folder of a remote store with one <c>GetDirectoryContentAsync</c> call (one blob listing), so a page of
    /// links into one folder costs one store round trip. The local disk is asked file by file (a <c>stat</c> each).
    /// </summary>
    public async ValueTask<IReadOnlyList<KeyValuePair<string, MediaFileInfo>>?> ListFilesAsync(string normalizedFolder, int maxFiles, CancellationToken cancellationToken)
    {
        if (IsLocalFileSystem)
        {
            return null;
        }

        var files = new List<KeyValuePair<string, MediaFileInfo>>();
        await foreach (var entry in _store.Store.GetDirectoryContentAsync(normalizedFolder.TrimEnd('/')).WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (entry.IsDirectory)
            {
                continue;
            }

            files.Add(KeyValuePair.Create(entry.Path, Describe(entry)));
            if (files.Count >= maxFiles)
            {
                break;
            }
        }

        return files;
    }

    private static MediaFileInfo Describe(global::OrchardCore.FileStorage.IFileStoreEntry entry) =>
        new(true, new DateTimeOffset(DateTime.SpecifyKind(entry.LastModifiedUtc, DateTimeKind.Utc)), entry.Length);
}
