namespace TimeToken.OrchardCore.RichText;

/// <summary>
/// Reads the attribute values <see cref="RichTextLinkRewriter"/> rewrites, in the markup as written: where a value
/// lies (<see cref="TryFindValue"/>) and where its URLs are (one URL, or a <c>srcset</c> list).
/// </summary>
internal static class MediaAttributeValues
{
    // A value that is one URL (src, href, poster): the URL without the white space around it.
    public static IEnumerable<(int Offset, int Length)> SingleUrl(string raw)
    {
        var start = 0;
        var end = raw.Length;
        while (start < end && char.IsWhiteSpace(raw[start]))
        {
            start++;
        }

        while (end > start && char.IsWhiteSpace(raw[end - 1]))
        {
            end--;
        }

        return start == end ? [] : [(start, end - start)];
    }

    // "url [descriptor], url [descriptor], …": the URLs, without descriptors and separators.
    public static List<(int Offset, int Length)> SrcsetUrls(string raw)
    {
        var urls = new List<(int Offset, int Length)>();
        var i = 0;
        while (i < raw.Length)
        {
            while (i < raw.Length && (char.IsWhiteSpace(raw[i]) || raw[i] == ','))
            {
                i++;
            }

            var urlStart = i;
            while (i < raw.Length && !char.IsWhiteSpace(raw[i]))
            {
                i++;
            }

            var urlEnd = i;
            while (urlEnd > urlStart && raw[urlEnd - 1] == ',')
            {
                urlEnd--;
            }

            if (urlEnd > urlStart)
            {
                urls.Add((urlStart, urlEnd - urlStart));
            }

            // The descriptors, up to the next comma.
            if (urlEnd == i)
            {
                while (i < raw.Length && raw[i] != ',')
                {
                    i++;
                }
            }
        }

        return urls;
    }

    /// <summary>
    /// Finds the characters of an attribute's value from where the tokenizer saw the attribute start: its name,
    /// optional white space, <c>=</c>, optional white space, then a quoted or unquoted value.
    /// </summary>
    /// <param name="html">The markup.</param>
    /// <param name="position">The tokenizer's position of the attribute (1-based).</param>
    /// <param name="name">The attribute's name, lower case.</param>
    /// <param name="start">The first character of the value, inside any quotes.</param>
    /// <param name="length">The value's length.</param>
    /// <returns>Whether the value was found where expected; if not, the attribute is left alone.</returns>
    public static bool TryFindValue(string html, int position, string name, out int start, out int length)
    {
        start = 0;
        length = 0;

        // The reported position is the attribute name's first character, counted from 1; accept a neighbour.
        var nameStart = -1;
        foreach (var candidate in (int[])[position - 1, position, position - 2])
        {
            if (candidate >= 0 && candidate + name.Length <= html.Length
                && html.AsSpan(candidate, name.Length).Equals(name, StringComparison.OrdinalIgnoreCase)
                && (candidate == 0 || char.IsWhiteSpace(html[candidate - 1]) || html[candidate - 1] is '/' or '"' or '\''))
            {
                nameStart = candidate;
                break;
            }
        }

        if (nameStart < 0)
        {
            return false;
        }

        var i = nameStart + name.Length;
        while (i < html.Length && char.IsWhiteSpace(html[i]))
        {
            i++;
        }

        if (i >= html.Length || html[i] != '=')
        {
            return false;
        }

        i++;
        while (i < html.Length && char.IsWhiteSpace(html[i]))
        {
            i++;
        }

        if (i >= html.Length)
        {
            return false;
        }

        if (html[i] is '"' or '\'')
        {
            var quote = html[i];
            var close = html.IndexOf(quote, i + 1);
            if (close < 0)
            {
                return false;
            }

            start = i + 1;
            length = close - start;
            return true;
        }

        var end = i;
        while (end < html.Length && !char.IsWhiteSpace(html[end]) && html[end] != '>')
        {
            end++;
        }

        start = i;
        length = end - i;
        return length > 0;
    }
}
