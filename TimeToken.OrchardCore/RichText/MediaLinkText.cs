using System.Net;
using System.Text;
using TimeToken.Core.Media;

namespace TimeToken.OrchardCore.RichText;

/// <summary>
/// Finds media URLs in text as it is stored (HTML, Markdown, plain text), removes their token parameter and adds a
/// fresh one, changing nothing else: query separators keep their form (<c>&amp;</c> or <c>&amp;amp;</c>), the other
/// parameters their order and spelling, a <c>#fragment</c> its place.
/// </summary>
/// <remarks>
/// A URL ends at white space, a quote, <c>&lt; &gt; ( ) { } \ ` | ^</c>, or a character reference other than
/// <c>&amp;amp;</c> (such as the <c>&amp;quot;</c> that closes <c>url(&amp;quot;…&amp;quot;)</c>). Between
/// parameters, <c>&amp;amp;</c> and <c>&amp;</c> both count as separators.
/// </remarks>
internal static class MediaLinkText
{
    private const string AmpEntity = "&amp;";

    /// <summary>
    /// Removes the token parameter from every media URL in <paramref name="text"/>.
    /// </summary>
    /// <param name="text">The text.</param>
    /// <param name="bases">The tenant's media URL prefixes.</param>
    /// <param name="parameterName">The token parameter (any case, and its <c>name[]</c> forms, are removed).</param>
    /// <returns><paramref name="text"/> itself when nothing was removed, else the cleaned text.</returns>
    public static string StripTokens(string text, MediaUrlBases bases, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(text);

        // Most strings hold no media URL, or no token: one search each.
        if (text.Length < bases.Marker.Length || !text.Contains(bases.Marker, StringComparison.OrdinalIgnoreCase)
            || !text.Contains(parameterName, StringComparison.OrdinalIgnoreCase))
        {
            return text;
        }

        return RewriteUrls(text, bases, 0, url => RemoveParameter(url, parameterName));
    }

    /// <summary>Signs every media URL in a text (the source of an HTML or Markdown body, as an editor shows it).</summary>
    /// <param name="text">The text, not HTML-encoded.</param>
    /// <param name="bases">The tenant's media URL prefixes.</param>
    /// <param name="parameterName">The token parameter.</param>
    /// <param name="signer">As for <see cref="Sign"/>.</param>
    /// <returns><paramref name="text"/> itself when no URL needed a token, else the text with fresh tokens.</returns>
    public static string SignAll(string text, MediaUrlBases bases, string parameterName, IMediaUrlSigner signer)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.Contains(bases.Marker, StringComparison.OrdinalIgnoreCase))
        {
            return text;
        }

        return RewriteUrls(text, bases, 64, url => Sign(url.ToString(), bases, parameterName, signer));
    }

    /// <summary>What a text's media URL becomes, or <see langword="null"/> to keep it.</summary>
    private delegate string? UrlRewrite(ReadOnlySpan<char> url);

    // Every media URL of the text, in order, through 'rewrite'; the text itself when none changed.
    private static string RewriteUrls(string text, MediaUrlBases bases, int extraCapacity, UrlRewrite rewrite)
    {
        StringBuilder? builder = null;
        var copied = 0;
        var from = 0;
        while (bases.TryFindNext(text, from, out var start, out var prefixLength))
        {
            var end = ScanUrlEnd(text, start + prefixLength);
            if (rewrite(text.AsSpan(start, end - start)) is { } rewritten)
            {
                builder ??= new StringBuilder(text.Length + extraCapacity);
                builder.Append(text, copied, start - copied).Append(rewritten);
                copied = end;
            }

            from = Math.Max(end, start + 1);
        }

        return builder is null ? text : builder.Append(text, copied, text.Length - copied).ToString();
    }

    /// <summary>Where the URL that starts at <paramref name="start"/> ends (exclusive).</summary>
    public static int ScanUrlEnd(ReadOnlySpan<char> text, int start)
    {
        var i = start;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c) || c is '"' or '\'' or '<' or '>' or '(' or ')' or '{' or '}' or '\\' or '`' or '|' or '^')
            {
                break;
            }

            if (c == '&')
            {
                if (text[i..].StartsWith(AmpEntity, StringComparison.OrdinalIgnoreCase))
                {
                    i += AmpEntity.Length;
                    continue;
                }

                if (IsCharacterReference(text[i..]))
                {
                    break;
                }
            }

            i++;
        }

        return i;
    }

    /// <summary>
    /// The URL without its token parameter, or <see langword="null"/> when it has none. The query keeps its other
    /// parameters and their separators; a query left empty loses its <c>?</c>.
    /// </summary>
    /// <param name="url">One URL, as stored (HTML-encoded or not).</param>
    /// <param name="parameterName">The token parameter.</param>
    public static string? RemoveParameter(ReadOnlySpan<char> url, string parameterName)
    {
        var question = url.IndexOf('?');
        if (question < 0)
        {
            return null;
        }

        var hash = url[question..].IndexOf('#');
        var queryEnd = hash < 0 ? url.Length : question + hash;
        var query = url[(question + 1)..queryEnd];

        var removed = false;
        var builder = new StringBuilder(url.Length).Append(url[..question]);
        var kept = 0;
        var position = 0;
        var separator = ReadOnlySpan<char>.Empty;
        while (true)
        {
            var (partLength, nextSeparatorLength) = NextPart(query[position..]);
            var part = query.Slice(position, partLength);
            if (MediaUrl.IsParameter(part, parameterName))
            {
                removed = true;
            }
            else
            {
                builder.Append(kept == 0 ? "?" : separator).Append(part);
                kept++;
            }

            if (nextSeparatorLength == 0)
            {
                break;
            }

            separator = query.Slice(position + partLength, nextSeparatorLength);
            position += partLength + nextSeparatorLength;
        }

        if (!removed)
        {
            return null;
        }

        return builder.Append(url[queryEnd..]).ToString();
    }

    /// <summary>
    /// Signs one media URL as stored: the token parameter is removed and a fresh one appended last in the query
    /// (before any fragment), with the separator the URL already uses.
    /// </summary>
    /// <param name="url">The URL, as it appears in the markup (character references undecoded).</param>
    /// <param name="bases">The tenant's media URL prefixes.</param>
    /// <param name="parameterName">The token parameter.</param>
    /// <param name="signer">The signer, asked with the link's <see cref="MediaLink.Request"/>.</param>
    /// <returns>The signed URL, or <see langword="null"/> when the URL is not a media URL or needs no token (public files, invalid paths).</returns>
    public static string? Sign(string url, MediaUrlBases bases, string parameterName, IMediaUrlSigner signer) =>
        TryParse(url, bases, parameterName) is { } link ? link.WithToken(signer.Sign(link.Request).Token) : null;

    /// <summary>Reads one media URL as it appears in text, for signing it (now or on every later display).</summary>
    /// <param name="url">The URL, as it appears in the markup (character references undecoded).</param>
    /// <param name="bases">The tenant's media URL prefixes.</param>
    /// <param name="parameterName">The token parameter.</param>
    /// <returns>The parsed link, or <see langword="null"/> when the text is not one whole media URL of the tenant or its path cannot be unescaped.</returns>
    public static MediaLink? TryParse(string url, MediaUrlBases bases, string parameterName)
    {
        if (!bases.IsMatchAt(url, 0, out var prefixLength) || ScanUrlEnd(url, prefixLength) != url.Length)
        {
            return null;
        }

        var withoutToken = RemoveParameter(url, parameterName) ?? url;
        var hash = withoutToken.IndexOf('#', StringComparison.Ordinal);
        var beforeFragment = hash < 0 ? withoutToken : withoutToken[..hash];
        var decoded = beforeFragment.Contains('&', StringComparison.Ordinal) ? WebUtility.HtmlDecode(beforeFragment) : beforeFragment;

        var decodedQuestion = decoded.IndexOf('?', StringComparison.Ordinal);
        var escapedPath = decodedQuestion < 0 ? decoded[prefixLength..] : decoded[prefixLength..decodedQuestion];
        string storagePath;
        try
        {
            storagePath = Uri.UnescapeDataString(escapedPath);
        }
        catch (UriFormatException)
        {
            return null;
        }

        // The signer appends "name=token" last; the fresh token goes last in the query, with the URL's separator.
        var separator = beforeFragment.Contains('?', StringComparison.Ordinal)
            ? (UsesBareAmpersands(url) ? "&" : AmpEntity)
            : "?";
        return new MediaLink(decoded, storagePath, beforeFragment + separator + parameterName + "=", withoutToken[beforeFragment.Length..]);
    }

    // The length of the next query part and of the separator after it (0 at the end).
    private static (int PartLength, int SeparatorLength) NextPart(ReadOnlySpan<char> rest)
    {
        var i = 0;
        while (i < rest.Length)
        {
            if (rest[i] == '&')
            {
                return (i, rest[i..].StartsWith(AmpEntity, StringComparison.OrdinalIgnoreCase) ? AmpEntity.Length : 1);
            }

            i++;
        }

        return (i, 0);
    }

    // Whether the URL separates its parameters with '&' alone (and never with "&amp;").
    private static bool UsesBareAmpersands(string url)
    {
        var any = false;
        for (var i = url.IndexOf('&', StringComparison.Ordinal); i >= 0; i = url.IndexOf('&', i + 1))
        {
            if (url.AsSpan(i).StartsWith(AmpEntity, StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }

            any = true;
        }

        return any;
    }

    // "&name;" or "&#123;" / "&#x1F;": a character reference (HTML), which ends a URL found in text.
    private static bool IsCharacterReference(ReadOnlySpan<char> text)
    {
        var i = 1;
        if (i < text.Length && text[i] == '#')
        {
            i++;
            if (i < text.Length && text[i] is 'x' or 'X')
            {
                i++;
            }

            var digits = i;
            while (i < text.Length && char.IsAsciiHexDigit(text[i]))
            {
                i++;
            }

            return i > digits && i < text.Length && text[i] == ';';
        }

        var letters = i;
        while (i < text.Length && i - letters < 32 && char.IsAsciiLetterOrDigit(text[i]))
        {
            i++;
        }

        return i > letters && i < text.Length && text[i] == ';';
    }
}
