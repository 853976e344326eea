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

        var modified = DateTime.SpecifyKind(entry.LastModifiedUtc, DateTimeKind.Utc);
        return new MediaFileInfo(true, new DateTimeOffset(modified), entry.Length);
    }
}
