using System.Security.Claims;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Logging;
using OrchardCore.ContentManagement;
using OrchardCore.ContentManagement.Metadata;
using OrchardCore.ContentManagement.Metadata.Models;
using OrchardCore.Contents;
using OrchardCore.Media;
using OrchardCore.Media.Fields;
using TimeToken.Core.Uploads;

namespace TimeToken.OrchardCore.Uploads.Api;

/// <summary>
/// Hands out upload slots to GraphQL and JSON API callers: checks the inputs and Orchard's permissions, creates the
/// slot and logs who received it (event 1310) or was refused (event 1311), so both channels behave the same.
/// </summary>
/// <remarks>
/// Order of checks: <see cref="TimeTokenPermissions.CreateUploadSlots"/> first (nothing is revealed without it), then
/// the inputs, then the content item (may the caller edit it; publish it too when its type has no drafts), then
/// <c>ManageMediaFolder</c> on the folder the file will be stored in (Orchard's media permissions, "own media"
/// folders included).
/// </remarks>
internal sealed partial class UploadSlotRequests
{
    /// <summary>Orchard's folder of files attached to content items: <c>mediafields/{ContentType}/{ContentItemId}</c>.</summary>
    internal const string MediaFieldsFolder = "mediafields";

    private readonly IAuthorizationService _authorizationService;
    private readonly MediaLibraryUploadSlots _mediaSlots;
    private readonly IContentManager _contentManager;
    private readonly IContentDefinitionManager _contentDefinitionManager;
    private readonly ILogger _logger;

    public UploadSlotRequests(
        IAuthorizationService authorizationService,
        MediaLibraryUploadSlots mediaSlots,
        IContentManager contentManager,
        IContentDefinitionManager contentDefinitionManager,
        ILogger<UploadSlotRequests> logger)
    {
        _authorizationService = authorizationService;
        _mediaSlots = mediaSlots;
        _contentManager = contentManager;
        _contentDefinitionManager = contentDefinitionManager;
        _logger = logger;
    }

    /// <summary>A slot whose file is saved into <see cref="UploadSlotRequest.Folder"/> (handler <c>media-library</c>).</summary>
    public async Task<UploadSlotRequestResult> CreateMediaSlotAsync(ClaimsPrincipal user, UploadSlotRequest request, string channel, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(request);
        var target = "folder " + (request.Folder ?? "(none)");
        if (!await _authorizationService.AuthorizeAsync(user, TimeTokenPermissions.CreateUploadSlots).ConfigureAwait(false))
        {
            return Refused(user, channel, target, UploadSlotRequestResult.Forbidden("The permission 'Create upload slots' is required."));
        }

        if (request.Folder is null)
        {
            return Refused(user, channel, target, UploadSlotRequestResult.Invalid("folder", "The folder is required (empty for the media root)."));
        }

        if (!SaveToFolderUploadSlotHandler.TryNormalizeFolder(request.Folder, out var folder))
        {
            return Refused(user, channel, target, UploadSlotRequestResult.Invalid("folder", "The folder must be a relative media folder with '/' separators, without segments that start with '.'."));
        }

        if (CheckLimits(request, out var options) is { } invalid)
        {
            return Refused(user, channel, target, invalid);
        }

        target = "folder " + (folder.Length == 0 ? "/" : folder);
        if (!await CanManageFolderAsync(user, folder).ConfigureAwait(false))
        {
            return Refused(user, channel, target, UploadSlotRequestResult.Forbidden("The caller may not manage media in this folder."));
        }

        return await CreateAsync(user, channel, target, MediaLibraryUploadSlotHandler.Name, SaveToFolderUploadSlotHandler.CreateArguments(folder), options, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A slot whose file is saved into the media library and set on a content item's media field (handler <c>content-media-field</c>).</summary>
    public async Task<UploadSlotRequestResult> CreateContentSlotAsync(ClaimsPrincipal user, UploadSlotRequest request, string channel, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(request);
        var target = "content item " + (request.ContentItemId ?? "(none)");
        if (!await _authorizationService.AuthorizeAsync(user, TimeTokenPermissions.CreateUploadSlots).ConfigureAwait(false))
        {
            return Refused(user, channel, target, UploadSlotRequestResult.Forbidden("The permission 'Create upload slots' is required."));
        }

        if (string.IsNullOrWhiteSpace(request.ContentItemId))
        {
            return Refused(user, channel, target, UploadSlotRequestResult.Invalid("contentItemId", "The content item id is required."));
        }

        if (string.IsNullOrWhiteSpace(request.Field))
        {
            return Refused(user, channel, target, UploadSlotRequestResult.Invalid("field", "The media field's name is required."));
        }

        if (request.Folder is not null && !SaveToFolderUploadSlotHandler.TryNormalizeFolder(request.Folder, out _))
        {
            return Refused(user, channel, target, UploadSlotRequestResult.Invalid("folder", "The folder must be a relative media folder with '/' separators, without segments that start with '.'."));
        }

        if (CheckLimits(request, out var options) is { } invalid)
        {
            return Refused(user, channel, target, invalid);
        }

        var contentItem = await _contentManager.GetAsync(request.ContentItemId, VersionOptions.Latest).ConfigureAwait(false);
        if (contentItem is null)
        {
            return Refused(user, channel, target, UploadSlotRequestResult.NotFound("contentItemId", "The content item does not exist."));
        }

        var typeDefinition = await _contentDefinitionManager.GetTypeDefinitionAsync(contentItem.ContentType).ConfigureAwait(false);
        var draftable = typeDefinition?.IsDraftable() ?? false;
        if (!await _authorizationService.AuthorizeAsync(user, CommonPermissions.EditContent, contentItem).ConfigureAwait(false)
            || (!draftable && !await _authorizationService.AuthorizeAsync(user, CommonPermissions.PublishContent, contentItem).ConfigureAwait(false)))
        {
            return Refused(user, channel, target, UploadSlotRequestResult.Forbidden("The caller may not edit this content item."));
        }

        var partName = string.IsNullOrWhiteSpace(request.Part) ? contentItem.ContentType : request.Part;
        if (FindMediaField(typeDefinition, partName, request.Field) is null)
        {
            return Refused(user, channel, target, UploadSlotRequestResult.Invalid(
                string.IsNullOrWhiteSpace(request.Part) ? "field" : "part",
                "The content item has no media field with this part and field name."));
        }

        if (!SaveToFolderUploadSlotHandler.TryNormalizeFolder(request.Folder ?? $"{MediaFieldsFolder}/{contentItem.ContentType}/{contentItem.ContentItemId}", out var folder))
        {
            return Refused(user, channel, target, UploadSlotRequestResult.Invalid("contentItemId", "The content item's id cannot name a media folder; give a folder."));
        }

        if (!await CanManageFolderAsync(user, folder).ConfigureAwait(false))
        {
            return Refused(user, channel, target, UploadSlotRequestResult.Forbidden("The caller may not manage media in this folder."));
        }

        var arguments = ContentMediaFieldUploadSlotHandler.CreateArguments(folder, contentItem.ContentItemId, partName, request.Field, request.Replace);
        target = $"content item {contentItem.ContentItemId}, field {partName}.{request.Field}, folder {folder}";
        return await CreateAsync(user, channel, target, ContentMediaFieldUploadSlotHandler.Name, arguments, options, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The media field <paramref name="fieldName"/> of part <paramref name="partName"/> in a content type, or <see langword="null"/>.</summary>
    internal static ContentPartFieldDefinition? FindMediaField(ContentTypeDefinition? typeDefinition, string partName, string fieldName) =>
        typeDefinition?.Parts
            .Where(p => string.Equals(p.Name, partName, StringComparison.Ordinal))
            .SelectMany(p => p.PartDefinition?.Fields ?? [])
            .FirstOrDefault(f => string.Equals(f.Name, fieldName, StringComparison.Ordinal)
                && string.Equals(f.FieldDefinition?.Name, nameof(MediaField), StringComparison.Ordinal));

    /// <summary>
    /// Logs a refusal made before the request's inputs were read (permission, HTTP method, antiforgery token, body),
    /// as every other refusal is logged (event 1311).
    /// </summary>
    public void LogRefusal(ClaimsPrincipal user, string channel, string reason)
    {
        ArgumentNullException.ThrowIfNull(user);
        Log.UploadSlotRequestRefused(_logger, channel, UploadSlotCaller.Describe(user), reason, "(not read)");
    }

    private static UploadSlotRequestResult? CheckLimits(UploadSlotRequest request, out UploadSlotOptions options)
    {
        options = new UploadSlotOptions();
        if (request.MaxBytes is { } maxBytes)
        {
            if (maxBytes <= 0)
            {
                return UploadSlotRequestResult.Invalid("maxBytes", "maxBytes must be positive.");
            }

            options.MaxBytes = maxBytes;
        }

        if (request.LifetimeSeconds is { } lifetime)
        {
            if (lifetime <= 0)
            {
                return UploadSlotRequestResult.Invalid("lifetimeSeconds", "lifetimeSeconds must be positive.");
            }

            options.Lifetime = TimeSpan.FromSeconds(lifetime);
        }

        if (request.Extensions is { } extensions)
        {
            if (extensions.Count == 0 || extensions.Count > 64 || extensions.Any(e => e is null || !ExtensionPattern().IsMatch(e)))
            {
                return UploadSlotRequestResult.Invalid("extensions", "extensions must list 1 to 64 extensions such as '.pdf' (a dot, then 1 to 16 letters, digits, '-' or '_').");
            }

            options.AllowedExtensions = extensions;
        }

        return null;
    }

    private async Task<bool> CanManageFolderAsync(ClaimsPrincipal user, string folder) =>
        await _authorizationService.AuthorizeAsync(user, MediaPermissions.ManageMediaFolder, (object)folder).ConfigureAwait(false);

    private async Task<UploadSlotRequestResult> CreateAsync(ClaimsPrincipal user, string channel, string target, string handlerName, JsonElement arguments, UploadSlotOptions options, CancellationToken cancellationToken)
    {
        UploadSlot slot;
        try
        {
            slot = await _mediaSlots.CreateAsync(handlerName, arguments, options, cancellationToken).ConfigureAwait(false);
        }
        catch (UploadSlotStoreUnavailableException)
        {
            return Refused(user, channel, target, UploadSlotRequestResult.Unavailable());
        }
        catch (ArgumentException)
        {
            // Every other input was checked above: what is left is an extension list that the media library or the
            // configured upload limits do not allow at all.
            return Refused(user, channel, target, UploadSlotRequestResult.Invalid("extensions", "None of the requested extensions is allowed on this site."));
        }

        Log.UploadSlotHandedOut(_logger, channel, UploadSlotCaller.Describe(user), handlerName, target, slot.ExpiresAt);
        return UploadSlotRequestResult.Created(new UploadSlotResponse(slot.Url, slot.ExpiresAt, slot.MaxBytes, slot.AllowedExtensions));
    }

    private UploadSlotRequestResult Refused(ClaimsPrincipal user, string channel, string target, UploadSlotRequestResult result)
    {
        Log.UploadSlotRequestRefused(_logger, channel, UploadSlotCaller.Describe(user), result.Message, target);
        return result;
    }

    [GeneratedRegex("^\\.[A-Za-z0-9_-]{1,16}$", RegexOptions.CultureInvariant)]
    private static partial Regex ExtensionPattern();
}
