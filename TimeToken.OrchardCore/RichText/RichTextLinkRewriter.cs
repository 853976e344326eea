using System.Net;
using System.Text;
using AngleSharp.Html;
using AngleSharp.Html.Parser;
using AngleSharp.Html.Parser.Tokens;
using AngleSharp.Text;

namespace TimeToken.OrchardCore.RichText;

/// <summary>
/// Gives every media URL in the <c>src</c>, <c>href</c>, <c>srcset</c> and <c>poster</c> attributes of an HTML
/// fragment a fresh token, and changes nothing else: the markup is read with AngleSharp's HTML tokenizer (so text,
/// <c>&lt;script&gt;</c>, <c>&lt;style&gt;</c>, <c>&lt;textarea&gt;</c> and comments are never taken for tags) and
/// only the characters of those attribute values are replaced.
/// </summary>
internal static class RichTextLinkRewriter
{
    /// <summary>The media URLs in the media attributes of <paramref name="html"/>, parsed, ready to be signed.</summary>
    /// <param name="html">The HTML fragment, as rendered.</param>
    /// <param name="bases">The tenant's media URL prefixes.</param>
    /// <param name="parameterName">The token parameter.</param>
    public static RichTextLinks FindLinks(string html, MediaUrlBases bases, string parameterName)
    {
        List<RichTextLinks.Link>? links = null;
        foreach (var slot in FindSlots(html, bases))
        {
            foreach (var (offset, length) in slot.IsSrcset ? MediaAttributeValues.SrcsetUrls(slot.Value) : MediaAttributeValues.SingleUrl(slot.Value))
            {
                if (MediaLinkText.TryParse(slot.Value.Substring(offset, length), bases, parameterName) is { } link)
                {
                    (links ??= []).Add(new RichTextLinks.Link(slot.Start + offset, length, link));
                }
            }
        }

        return new RichTextLinks(html, links is null ? [] : [.. links]);
    }

    // The values of the src, href, srcset and poster attributes of start tags that contain the media path, found with
    // AngleSharp's tokenizer, in order of position: the only places the signing changes.
    private static Slot[] FindSlots(string html, MediaUrlBases bases)
    {
        ArgumentNullException.ThrowIfNull(html);
        if (!html.Contains(bases.Marker, StringComparison.OrdinalIgnoreCase))
        {
            return [];
        }

        List<Slot>? slots = null;
        foreach (var tag in StartTags(html))
        {
            foreach (var attribute in tag.Attributes)
            {
                var isSrcset = attribute.Name is "srcset";
                if (!isSrcset && attribute.Name is not ("src" or "href" or "poster"))
                {
                    continue;
                }

                if (attribute.Value.Contains(bases.Marker, StringComparison.OrdinalIgnoreCase)
                    && MediaAttributeValues.TryFindValue(html, attribute.Position.Position, attribute.Name, out var valueStart, out var valueLength))
                {
                    (slots ??= []).Add(new Slot(valueStart, html.Substring(valueStart, valueLength), isSrcset));
                }
            }
        }

        // Attributes come in tag order; sorted anyway, since the replacements are applied front to back.
        return slots is null ? [] : [.. slots.OrderBy(s => s.Start)];
    }

    /// <summary>
    /// Rewrites the text of every <c>&lt;textarea&gt;</c> in an editor's markup: the text (the edited HTML or Markdown,
    /// HTML-encoded) is decoded, passed to <paramref name="signText"/>, and encoded again when it changed. The rest of
    /// the markup stays as it is.
    /// </summary>
    /// <param name="html">The editor's markup.</param>
    /// <param name="bases">The tenant's media URL prefixes.</param>
    /// <param name="signText">Signs the media URLs of a decoded text.</param>
    /// <returns><paramref name="html"/> itself when nothing changed, else the rewritten markup.</returns>
    public static string RewriteTextareas(string html, MediaUrlBases bases, Func<string, string> signText)
    {
        ArgumentNullException.ThrowIfNull(html);
        if (!html.Contains(bases.Marker, StringComparison.OrdinalIgnoreCase) || !html.Contains("<textarea", StringComparison.OrdinalIgnoreCase))
        {
            return html;
        }

        List<Replacement>? replacements = null;
        foreach (var tag in StartTags(html))
        {
            if (tag.Name != "textarea" || tag.IsSelfClosing)
            {
                continue;
            }

            // The text runs from the end of the start tag to the first "</textarea", as the tokenizer reads it.
            var start = FindTagEnd(html, tag.Position.Position - 1);
            var end = start < 0 ? -1 : html.IndexOf("</textarea", start, StringComparison.OrdinalIgnoreCase);
            if (end < 0)
            {
                continue;
            }

            var raw = html[start..end];
            var decoded = WebUtility.HtmlDecode(raw);
            var signed = signText(decoded);
            if (!string.Equals(signed, decoded, StringComparison.Ordinal))
            {
                (replacements ??= []).Add(new Replacement(start, end - start, WebUtility.HtmlEncode(signed)));
            }
        }

        return Apply(html, replacements);
    }

    /// <summary>Replaces, front to back, the characters of each replacement (in order of position, not overlapping).</summary>
    /// <returns><paramref name="html"/> itself when there is none.</returns>
    internal static string Apply(string html, List<Replacement>? replacements)
    {
        if (replacements is null)
        {
            return html;
        }

        var builder = new StringBuilder(html.Length + (replacements.Count * 48));
        var copied = 0;
        foreach (var replacement in replacements)
        {
            builder.Append(html, copied, replacement.Start - copied).Append(replacement.Text);
            copied = replacement.Start + replacement.Length;
        }

        return builder.Append(html, copied, html.Length - copied).ToString();
    }

    // The index after the '>' that closes the tag starting at 'tagStart' ('<'), quoted attribute values skipped.
    private static int FindTagEnd(string html, int tagStart)
    {
        if (tagStart < 0 || tagStart >= html.Length || html[tagStart] != '<')
        {
            return -1;
        }

        char? quote = null;
        for (var i = tagStart + 1; i < html.Length; i++)
        {
            var c = html[i];
            if (quote is { } q)
            {
                if (c == q)
                {
                    quote = null;
                }
            }
            else if (c is '"' or '\'' && i > 0 && (html[i - 1] == '=' || char.IsWhiteSpace(html[i - 1])))
            {
                quote = c;
            }
            else if (c == '>')
            {
                return i + 1;
            }
        }

        return -1;
    }

    // Past a start tag the tree builder would switch the tokenizer to the element's content model; so does this.
    // Every start tag, read by AngleSharp's tokenizer with text, comments and script skipped; after each, the tokenizer
    // switches to the content state the tag opens, so text that looks like markup inside it is never read as tags.
    private static IEnumerable<HtmlTagToken> StartTags(string html)
    {
        var tokenizer = new HtmlTokenizer(new TextSource(html), HtmlEntityProvider.Resolver)
        {
            SkipDataText = true,
            SkipComments = true,
            SkipCDATA = true,
            SkipProcessingInstructions = true,
            SkipScriptText = true,
            SkipRawText = true,
            SkipRCDataText = true,
            SkipPlaintext = true,
        };

        for (var token = tokenizer.Get(); token.Type != HtmlTokenType.EndOfFile; token = tokenizer.Get())
        {
            if (token.Type == HtmlTokenType.StartTag)
            {
                var tag = (HtmlTagToken)token;
                SetContentState(tokenizer, tag);
                yield return tag;
            }
        }
    }

    private static void SetContentState(HtmlTokenizer tokenizer, HtmlTagToken tag)
    {
        if (tag.IsSelfClosing)
        {
            return;
        }

        switch (tag.Name)
        {
            case "script":
                tokenizer.State = HtmlParseMode.Script;
                break;
            case "style" or "xmp" or "iframe" or "noembed" or "noframes":
                tokenizer.State = HtmlParseMode.Rawtext;
                break;
            case "textarea" or "title":
                tokenizer.State = HtmlParseMode.RCData;
                break;
            case "plaintext":
                tokenizer.State = HtmlParseMode.Plaintext;
                break;
        }
    }

    /// <summary>The characters from <paramref name="Start"/> on, <paramref name="Length"/> of them, become <paramref name="Text"/>.</summary>
    internal readonly record struct Replacement(int Start, int Length, string Text);

    // An attribute value that may hold media URLs: where it starts in the markup, its characters as in the markup
    // (character references undecoded), and whether it is a srcset (a list of URLs with descriptors).
    private sealed record Slot(int Start, string Value, bool IsSrcset);
}
