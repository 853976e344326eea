using System.Text.Json.Dynamic;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrchardCore.ContentManagement;
using OrchardCore.ContentManagement.Handlers;
using TimeToken.Core;

namespace TimeToken.OrchardCore.RichText;

/// <summary>
/// Keeps tokens out of stored content: whenever a content item is created, updated, saved as a draft, published,
/// imported, cloned, restored or versioned, every string in its JSON (every part and field, custom ones included)
/// loses the token parameter of each URL into this tenant's media. Nothing else in the strings changes.
/// </summary>
/// <remarks>
/// The links are signed again when displayed (<see cref="RichTextSigningShapeDisplayEvents"/>), so nothing is lost.
/// Off when <see cref="RichTextOptions.SignRichText"/> is off.
/// </remarks>
internal sealed class MediaTokenCleaningHandler : ContentHandlerBase
{
    private readonly IOptionsMonitor<TimeTokenOptions> _options;
    private readonly IOptionsMonitor<RichTextOptions> _richText;
    private readonly TenantMediaUrls _mediaUrls;
    private readonly ILogger _logger;

    public MediaTokenCleaningHandler(IOptionsMonitor<TimeTokenOptions> options, IOptionsMonitor<RichTextOptions> richText, TenantMediaUrls mediaUrls, ILogger<MediaTokenCleaningHandler> logger)
    {
        _options = options;
        _richText = richText;
        _mediaUrls = mediaUrls;
        _logger = logger;
    }

    public override Task CreatingAsync(CreateContentContext context) => CleanAsync(context.ContentItem);

    public override Task UpdatingAsync(UpdateContentContext context) => CleanAsync(context.ContentItem);

    public override Task DraftSavingAsync(SaveDraftContentContext context) => CleanAsync(context.ContentItem);

    public override Task PublishingAsync(PublishContentContext context) => CleanAsync(context.ContentItem);

    public override Task ImportingAsync(ImportContentContext context) => CleanAsync(context.ContentItem);

    public override Task CloningAsync(CloneContentContext context) => CleanAsync(context.CloneContentItem);

    public override Task RestoringAsync(RestoreContentContext context) => CleanAsync(context.ContentItem);

    public override Task VersionedAsync(VersionContentContext context) => CleanAsync(context.BuildingContentItem);

    /// <summary>Cleans the strings of one content item.</summary>
    /// <returns>The number of strings changed.</returns>
    internal async Task<int> CleanAsync(ContentItem? contentItem)
    {
        var options = _options.CurrentValue;
        if (contentItem is null || !_richText.CurrentValue.SignRichText)
        {
            return 0;
        }

        JsonObject data = (JsonDynamicObject)contentItem.Content;
        var bases = await _mediaUrls.GetBasesAsync().ConfigureAwait(false);
        var changed = 0;
        foreach (var name in data.Select(p => p.Key).ToList())
        {
            var node = data[name];
            var partChanged = CleanProperty(data, name, bases, options.ParameterName);
            changed += partChanged;
            if (partChanged > 0 && node is JsonObject or JsonArray)
            {
                ForgetTypedElement(contentItem, data, name, node);
            }
        }

        if (changed > 0)
        {
            Log.ContentTokensRemoved(_logger, contentItem.ContentItemId, changed);
        }

        return changed;
    }

    /// <summary>
    /// Drops the typed part (or field) Orchard may have read from the JSON of <paramref name="name"/> before it was
    /// cleaned, keeping the cleaned JSON in its place.
    /// </summary>
    /// <remarks>
    /// A content item keeps the parts it deserialised (<c>ContentElement.Elements</c>), and <c>Alter</c>/<c>Apply</c>
    /// write such a part back over the JSON. The part coordinator reads every part before this handler runs, and
    /// <c>HtmlBodyPartHandler.ImportedAsync</c> (also <c>HtmlFieldHandler</c>, <c>HtmlMenuItemPartHandler</c>) sanitises
    /// and applies the part after the item was cleaned: without this the token it was read with is stored again.
    /// <c>Remove</c> is the only public way to drop that cached part; the same JSON goes back at the same position.
    /// </remarks>
    private static void ForgetTypedElement(ContentItem contentItem, JsonObject data, string name, JsonNode node)
    {
        var index = data.IndexOf(name);
        contentItem.Remove(name);
        data.Insert(index, name, node);
    }

    /// <summary>Removes the token parameter from every media URL in every string under <paramref name="node"/>.</summary>
    /// <returns>The number of strings changed.</returns>
    internal static int Clean(JsonNode? node, MediaUrlBases bases, string parameterName)
    {
        var changed = 0;
        switch (node)
        {
            case JsonObject obj:
                foreach (var name in obj.Select(p => p.Key).ToList())
                {
                    changed += CleanProperty(obj, name, bases, parameterName);
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    var index = i;
                    changed += CleanChild(array[i], value => array[index] = value, bases, parameterName);
                }

                break;
        }

        return changed;
    }

    private static int CleanProperty(JsonObject obj, string name, MediaUrlBases bases, string parameterName) =>
        CleanChild(obj[name], value => obj[name] = value, bases, parameterName);

    private static int CleanChild(JsonNode? child, Action<JsonNode> replace, MediaUrlBases bases, string parameterName)
    {
        if (child is JsonValue value)
        {
            if (value.GetValueKind() == System.Text.Json.JsonValueKind.String && value.TryGetValue<string>(out var text))
            {
                var cleaned = MediaLinkText.StripTokens(text, bases, parameterName);
                if (!ReferenceEquals(cleaned, text))
                {
                    replace(JsonValue.Create(cleaned));
                    return 1;
                }
            }

            return 0;
        }

        return Clean(child, bases, parameterName);
    }
}
