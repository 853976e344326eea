using TimeToken.Core.Media;

namespace TimeToken.OrchardCore.Media;

/// <summary>Answers the file-version look-ups of the signer and the gate from Orchard's media store.</summary>
internal sealed class MediaFileStoreInfoSource : IMediaFileInfoSource
{
    private readonly InnerMediaFileStore _store;

    public MediaFileStoreInfoSource(InnerMediaFileStore store)
    {
        _store = store;
    }

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
