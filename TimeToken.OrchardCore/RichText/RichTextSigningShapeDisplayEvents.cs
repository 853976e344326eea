using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrchardCore.DisplayManagement.Implementation;
using TimeToken.Core;
using TimeToken.Core.Media;

namespace TimeToken.OrchardCore.RichText;

/// <summary>
/// Signs the media links of rich text when it is displayed: after a shape of one of
/// <see cref="RichTextOptions.RichTextShapeTypes"/> (or one of its display modes) has rendered, every <c>src</c>,
/// <c>href</c>, <c>srcset</c> and <c>poster</c> URL into this tenant's protected media gets a fresh token (a stale one
/// is replaced); public files and all other markup stay as they are. In the shapes' editors (<c>HtmlBodyPart_Edit</c>,
/// <c>HtmlBodyPart_Edit__Wysiwyg</c>…) the URLs in the text areas' text get fresh tokens, so the WYSIWYG and Markdown
/// previews show protected images; saving removes the tokens again (<see cref="MediaTokenCleaningHandler"/>).
/// </summary>
/// <remarks>
/// Runs for shapes Orchard took from its dynamic cache too, so cached rich text is signed again on every display. The
/// signing happens while the shape's cache scope is still open, so a cached parent expires before the links
/// (<see cref="Media.CacheScopeCappingMediaUrlSigner"/>).
/// </remarks>
internal sealed class RichTextSigningShapeDisplayEvents : IShapeDisplayEvents
{
    private const string DisplayModeSeparator = "_Display__";
    private const string EditorSuffix = "_Edit";

    private readonly IOptionsMonitor<TimeTokenOptions> _options;
    private readonly IOptionsMonitor<RichTextOptions> _richText;
    private readonly TenantMediaUrls _mediaUrls;
    private readonly IMediaUrlSigner _signer;
    private readonly RichTextLinksCache _links;
    private readonly HtmlEncoder _htmlEncoder;
    private readonly ILogger _logger;
    private (string? List, IReadOnlyList<string> Types) _shapeTypes = (null, []);

    public RichTextSigningShapeDisplayEvents(
        IOptionsMonitor<TimeTokenOptions> options,
        IOptionsMonitor<RichTextOptions> richText,
        TenantMediaUrls mediaUrls,
        IMediaUrlSigner signer,
        RichTextLinksCache links,
        HtmlEncoder htmlEncoder,
        ILogger<RichTextSigningShapeDisplayEvents> logger)
    {
        _options = options;
        _richText = richText;
        _mediaUrls = mediaUrls;
        _signer = signer;
        _links = links;
        _htmlEncoder = htmlEncoder;
        _logger = logger;
    }

    public Task DisplayingAsync(ShapeDisplayContext context) => Task.CompletedTask;

    public async Task DisplayedAsync(ShapeDisplayContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var richText = _richText.CurrentValue;
        var shapeType = context.Shape?.Metadata.Type;
        if (!richText.SignRichText || context.ChildContent is null || shapeType is null)
        {
            return;
        }

        var kind = Classify(shapeType, richText.RichTextShapeTypes);
        if (kind == ShapeKind.None)
        {
            return;
        }

        var bases = await _mediaUrls.GetBasesAsync().ConfigureAwait(false);
        using var writer = new StringWriter();
        context.ChildContent.WriteTo(writer, _htmlEncoder);
        var html = writer.ToString();
        var parameterName = _options.CurrentValue.ParameterName;

        // Displayed: the links of the markup. Edited: the links in the text of the editor's text areas, so the
        // editor's preview shows protected images (the save removes the tokens again).
        var rewritten = kind == ShapeKind.Display
            ? _links.Get(html, bases, parameterName).Sign(_signer)
            : RichTextLinkRewriter.RewriteTextareas(html, bases, text => MediaLinkText.SignAll(text, bases, parameterName, _signer));

        // The content was written out once (a view's buffer cannot be written twice): always replace it.
        context.ChildContent = new HtmlString(rewritten);
        if (!ReferenceEquals(rewritten, html))
        {
            Log.RichTextSigned(_logger, shapeType);
        }
    }

    public Task DisplayingFinalizedAsync(ShapeDisplayContext context) => Task.CompletedTask;

    /// <summary>Whether a shape type is in the list, itself or in a display mode (display), or its editor (<c>_Edit</c>, <c>_Edit__Wysiwyg</c>).</summary>
    internal ShapeKind Classify(string shapeType, string list)
    {
        var cached = _shapeTypes;
        if (!ReferenceEquals(cached.List, list))
        {
            cached = (list, RichTextOptionsValidator.TryParseShapeTypes(list, out var types) ? types : []);
            _shapeTypes = cached;
        }

        foreach (var type in cached.Types)
        {
            if (!shapeType.StartsWith(type, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var rest = shapeType.AsSpan(type.Length);
            if (rest.IsEmpty || rest.StartsWith(DisplayModeSeparator, StringComparison.OrdinalIgnoreCase))
            {
                return ShapeKind.Display;
            }

            if (rest.Equals(EditorSuffix, StringComparison.OrdinalIgnoreCase) || rest.StartsWith(EditorSuffix + "__", StringComparison.OrdinalIgnoreCase))
            {
                return ShapeKind.Editor;
            }
        }

        return ShapeKind.None;
    }

    /// <summary>What a shape is to the rewriting.</summary>
    internal enum ShapeKind
    {
        None,
        Display,
        Editor,
    }
}
