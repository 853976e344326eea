using OrchardCore.FileStorage;
using OrchardCore.Media;
using TimeToken.Core.Uploads;

namespace TimeToken.OrchardCore.Uploads;

/// <summary>
/// Writes uploaded files into Orchard's media library through <see cref="IMediaFileStore"/> (so media events, the
/// quota and remote stores apply), never overwriting.
/// </summary>
internal sealed class MediaFileStoreUploadFileSink : IUploadFileSink
{
    private readonly IMediaFileStore _store;

    public MediaFileStoreUploadFileSink(IMediaFileStore store)
    {
        _store = store;
    }

    public async Task<string?> TryCreateFileAsync(string path, Stream content, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (await _store.GetFileInfoAsync(path).ConfigureAwait(false) is not null)
        {
            return null;
        }

        try
        {
            await _store.CreateFileFromStreamAsync(path, content, overwrite: false).ConfigureAwait(false);
            return path;
        }
        catch (FileStoreException)
        {
            // Another writer took the name between the check and the write: the stores report it as a
            // FileStoreException ("already exists"); the handler then tries the next free name.
            if (await _store.GetFileInfoAsync(path).ConfigureAwait(false) is not null)
            {
                return null;
            }

            throw;
        }
    }
}
