using Microsoft.Extensions.Options;
using OrchardCore.Media;
using TimeToken.Core.Uploads;

namespace TimeToken.OrchardCore.Uploads;

/// <summary>
/// The upload slot handler <c>media-library</c>: saves the uploaded file into the media-library folder fixed when the
/// slot was created (<see cref="MediaLibraryUploadSlots.CreateAsync(string, UploadSlotOptions?, CancellationToken)"/>), never overwriting (a taken name gets
/// <c>-1</c>, <c>-2</c>…). Result: <c>{"path":"folder/name.ext","length":123}</c>.
/// </summary>
/// <remarks>
/// Files whose extension Orchard's media options do not allow are refused here too (the slot normally refuses them
/// first, with 415).
/// </remarks>
public sealed class MediaLibraryUploadSlotHandler : IUploadSlotHandler
{
    /// <summary>The handler's registered name.</summary>
    public const string Name = "media-library";

    private readonly SaveToFolderUploadSlotHandler _saveToFolder;
    private readonly MediaOptions _mediaOptions;

    /// <summary>Creates the handler.</summary>
    /// <param name="mediaFileStore">The media store.</param>
    /// <param name="mediaOptions">Orchard's media options (allowed extensions).</param>
    public MediaLibraryUploadSlotHandler(IMediaFileStore mediaFileStore, IOptions<MediaOptions> mediaOptions)
    {
        ArgumentNullException.ThrowIfNull(mediaOptions);
        _saveToFolder = new SaveToFolderUploadSlotHandler(new MediaFileStoreUploadFileSink(mediaFileStore));
        _mediaOptions = mediaOptions.Value;
    }

    /// <inheritdoc />
    public ValueTask<object?> HandleAsync(UploadSlotContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var file in context.Files)
        {
            if (!MediaLibraryUploadSlots.IsAllowedByMedia(_mediaOptions, Path.GetExtension(file.FileName)))
            {
                throw new InvalidOperationException("The media library does not allow this file's extension.");
            }
        }

        return _saveToFolder.HandleAsync(context, cancellationToken);
    }
}
