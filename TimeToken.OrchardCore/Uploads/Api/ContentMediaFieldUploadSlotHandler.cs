using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrchardCore.ContentManagement;
using OrchardCore.ContentManagement.Metadata;
using OrchardCore.ContentManagement.Metadata.Models;
using OrchardCore.Media;
using OrchardCore.Media.Fields;
using OrchardCore.Media.Settings;
using TimeToken.Core.Uploads;
using YesSql;

namespace TimeToken.OrchardCore.Uploads.Api;

/// <summary>
/// The upload slot handler <c>content-media-field</c>: saves the file into the media library (into the folder fixed
/// at creation, by default Orchard's <c>mediafields/{ContentType}/{ContentItemId}</c>) and sets its path on a
/// content item's <see cref="MediaField"/>.
/// </summary>
/// <remarks>
/// <para>
/// When the file arrives, the latest version of the item is loaded again. If the item or its field is gone, the upload
/// is refused with <c>422</c> before any byte is stored. The path is appended to the field (or replaces its files,
/// when asked, or when the field takes one file only).
/// </para>
/// <para>
/// A type with drafts (<c>Draftable</c>) gets the change as a draft (the latest draft, or a new one beside the
/// published version): the upload arrives without a user, so publishing stays an editor's decision. A type without
/// drafts is changed in place, as its editor does; a published item then shows the file at once, which is why such a
/// slot also needs <c>PublishContent</c> when it is created. If the item cannot be saved, the stored file is deleted
/// again, so no orphan file is left.
/// </para>
/// </remarks>
internal sealed class ContentMediaFieldUploadSlotHandler : IUploadSlotHandler
{
    /// <summary>The handler's registered name.</summary>
    public const string Name = "content-media-field";

    private const string ItemGoneMessage = "The content item of this upload slot no longer exists.";
    private const string FieldGoneMessage = "The media field of this upload slot no longer exists.";

    private readonly IMediaFileStore _mediaFileStore;
    private readonly SaveToFolderUploadSlotHandler _saveToFolder;
    private readonly MediaOptions _mediaOptions;
    private readonly IContentManager _contentManager;
    private readonly IContentDefinitionManager _contentDefinitionManager;
    private readonly ISession _session;
    private readonly ILogger _logger;

    public ContentMediaFieldUploadSlotHandler(
        IMediaFileStore mediaFileStore,
        IOptions<MediaOptions> mediaOptions,
        IContentManager contentManager,
        IContentDefinitionManager contentDefinitionManager,
        ISession session,
        ILogger<ContentMediaFieldUploadSlotHandler> logger)
    {
        _mediaFileStore = mediaFileStore;
        _saveToFolder = new SaveToFolderUploadSlotHandler(new MediaFileStoreUploadFileSink(mediaFileStore));
        _mediaOptions = mediaOptions.Value;
        _contentManager = contentManager;
        _contentDefinitionManager = contentDefinitionManager;
        _session = session;
        _logger = logger;
    }

    /// <summary>The slot arguments: the folder, the item and the field; they stay on the server.</summary>
    public static JsonElement CreateArguments(string folder, string contentItemId, string part, string field, bool replace) =>
        JsonSerializer.SerializeToElement(new Arguments(folder, contentItemId, part, field, replace), JsonSerializerOptions.Web);

    public async ValueTask<object?> HandleAsync(UploadSlotContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var arguments = context.Arguments.ValueKind == JsonValueKind.Object
            ? context.Arguments.Deserialize<Arguments>(JsonSerializerOptions.Web)
            : null;
        if (arguments is null || string.IsNullOrEmpty(arguments.ContentItemId) || string.IsNullOrEmpty(arguments.Part) || string.IsNullOrEmpty(arguments.Field))
        {
            throw new InvalidOperationException("The slot's content item arguments are malformed.");
        }

        foreach (var file in context.Files)
        {
            if (!MediaLibraryUploadSlots.IsAllowedByMedia(_mediaOptions, Path.GetExtension(file.FileName)))
            {
                throw new UploadRefusedException(415, "The media library does not allow this file's extension.");
            }
        }

        // Before any byte is stored: the item and its field must still exist.
        var multiple = await CheckTargetAsync(arguments).ConfigureAwait(false);

        var saved = await _saveToFolder.HandleAsync(
            new UploadSlotContext(context.HandlerName, SaveToFolderUploadSlotHandler.CreateArguments(arguments.Folder), context.Files, context.ExpiresAt, context.HttpContext),
            cancellationToken).ConfigureAwait(false);
        var files = saved switch
        {
            SaveToFolderUploadSlotHandler.SavedFile one => [one],
            SaveToFolderUploadSlotHandler.SavedFiles many => many.Files,
            _ => throw new InvalidOperationException("The media library handler returned no file."),
        };

        try
        {
            return await AttachAsync(arguments, multiple, files).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // No orphan: whatever went wrong after the files were stored, they are deleted again.
            foreach (var file in files)
            {
                await _mediaFileStore.TryDeleteFileAsync(file.Path).ConfigureAwait(false);
                if (ex is not UploadRefusedException)
                {
                    Log.UploadRolledBack(_logger, file.Path, ex);
                }
            }

            throw;
        }
    }

    /// <summary>Refuses with 422 when the item or field is gone; returns whether the field takes several files.</summary>
    private async Task<bool> CheckTargetAsync(Arguments arguments)
    {
        var latest = await _contentManager.GetAsync(arguments.ContentItemId, VersionOptions.Latest).ConfigureAwait(false);
        if (latest is null)
        {
            Log.UploadTargetGone(_logger, arguments.ContentItemId, arguments.Part, arguments.Field);
            throw new UploadRefusedException(422, ItemGoneMessage);
        }

        var typeDefinition = await _contentDefinitionManager.GetTypeDefinitionAsync(latest.ContentType).ConfigureAwait(false);
        var field = UploadSlotRequests.FindMediaField(typeDefinition, arguments.Part, arguments.Field);
        if (field is null)
        {
            Log.UploadTargetGone(_logger, arguments.ContentItemId, arguments.Part, arguments.Field);
            throw new UploadRefusedException(422, FieldGoneMessage);
        }

        return field.GetSettings<MediaFieldSettings>().Multiple;
    }

    private async Task<ContentUploadResult> AttachAsync(Arguments arguments, bool multiple, IReadOnlyList<SaveToFolderUploadSlotHandler.SavedFile> files)
    {
        var latest = await _contentManager.GetAsync(arguments.ContentItemId, VersionOptions.Latest).ConfigureAwait(false)
            ?? throw new UploadRefusedException(422, ItemGoneMessage);
        var typeDefinition = await _contentDefinitionManager.GetTypeDefinitionAsync(latest.ContentType).ConfigureAwait(false);
        var draftable = typeDefinition?.IsDraftable() ?? false;

        // A draftable type: the latest draft, or a new draft beside the published version.
        var version = draftable
            ? await _contentManager.GetAsync(arguments.ContentItemId, VersionOptions.DraftRequired).ConfigureAwait(false) ?? throw new UploadRefusedException(422, ItemGoneMessage)
            : latest;

        var newPaths = files.Select(f => f.Path).ToArray();
        var replace = arguments.Replace || !multiple;
        version.Alter<ContentPart>(arguments.Part, part => part.Alter<MediaField>(arguments.Field, field =>
        {
            var paths = replace ? [] : field.Paths ?? [];
            var texts = field.MediaTexts;
            field.Paths = [.. paths, .. newPaths];
            if (texts is not null)
            {
                // Orchard keeps one text per path when the field has media texts.
                field.MediaTexts = [.. replace ? [] : texts, .. newPaths.Select(_ => string.Empty)];
            }
        }));

        if (draftable)
        {
            await _contentManager.SaveDraftAsync(version).ConfigureAwait(false);
        }
        else
        {
            await _contentManager.UpdateAsync(version).ConfigureAwait(false);
        }

        await _session.SaveChangesAsync().ConfigureAwait(false);

        var outcome = draftable ? "saved as a draft" : version.Published ? "published" : "updated";
        foreach (var path in newPaths)
        {
            Log.UploadAttachedToContentItem(_logger, path, arguments.Part, arguments.Field, arguments.ContentItemId, outcome);
        }

        return new ContentUploadResult(
            newPaths.Length == 1 ? newPaths[0] : null,
            files.Sum(f => f.Length),
            newPaths,
            version.ContentItemId,
            version.ContentItemVersionId,
            version.Published,
            draftable);
    }

    /// <summary>The slot's arguments.</summary>
    private sealed record Arguments(string Folder, string ContentItemId, string Part, string Field, bool Replace);

    /// <summary>The answer to the client.</summary>
    /// <param name="Path">The stored path (one file).</param>
    /// <param name="Length">The bytes stored.</param>
    /// <param name="Paths">Every stored path.</param>
    /// <param name="ContentItemId">The content item.</param>
    /// <param name="ContentItemVersionId">The version that now holds the file.</param>
    /// <param name="Published">Whether that version is the published one.</param>
    /// <param name="Draft">Whether the change waits in a draft for an editor to publish it.</param>
    internal sealed record ContentUploadResult(string? Path, long Length, IReadOnlyList<string> Paths, string ContentItemId, string ContentItemVersionId, bool Published, bool Draft);
}
