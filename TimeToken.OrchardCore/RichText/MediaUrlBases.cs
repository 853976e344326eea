namespace TimeToken.OrchardCore.RichText;

/// <summary>
/// The URL prefixes under which a tenant's media are addressed: the media path (<c>/media/</c>) with and without the
/// tenant's prefix, the same behind the site's hosts (<c>https://host/media/</c>, <c>//host/media/</c>) and behind the
/// CDN base URL. Finds where such a URL starts in a text.
/// </summary>
/// <remarks>Prefixes compare case-insensitively; a match must start the text or follow a character that cannot be part of a URL.</remarks>
internal sealed class MediaUrlBases
{
    private readonly string[] _prefixes;

    /// <summary>Takes the prefixes as given; each must end with <c>/</c>.</summary>
    /// <param name="marker">The media path with slashes (<c>/media/</c>), contained in every prefix.</param>
    /// <param name="prefixes">The prefixes.</param>
    public MediaUrlBases(string marker, IEnumerable<string> prefixes)
    {
        Marker = marker;

        // Longest first, so "/second/media/" wins over a shorter prefix that also matches.
        _prefixes = [.. prefixes.Distinct(StringComparer.OrdinalIgnoreCase).OrderByDescending(p => p.Length)];
        Key = marker + "\n" + string.Join('\n', _prefixes);
    }

    /// <summary>The marker and the prefixes as one text: two instances with the same key match the same URLs.</summary>
    public string Key { get; }

    /// <summary>The media path with slashes, such as <c>/media/</c>: no media URL lacks it.</summary>
    public string Marker { get; }

    /// <summary>The prefixes, longest first.</summary>
    public IReadOnlyList<string> Prefixes => _prefixes;

    /// <summary>Builds the prefixes of a tenant.</summary>
    /// <param name="assetsRequestPath">Orchard's media path, such as <c>/media</c>.</param>
    /// <param name="tenantPrefix">The tenant's URL prefix (<c>second</c>), or empty for none.</param>
    /// <param name="cdnBaseUrl">The CDN base URL, or empty for none.</param>
    /// <param name="hosts">The site's hosts, such as <c>example.com</c> or <c>localhost:5000</c>.</param>
    public static MediaUrlBases Create(string assetsRequestPath, string? tenantPrefix, string? cdnBaseUrl, IEnumerable<string> hosts)
    {
        var media = "/" + assetsRequestPath.Trim('/') + "/";
        var paths = new List<string> { media };
        var prefix = tenantPrefix?.Trim('/');
        if (!string.IsNullOrEmpty(prefix))
        {
            paths.Insert(0, "/" + prefix + media);
        }

        var prefixes = new List<string>(paths);
        foreach (var host in hosts.Select(h => h.Trim().TrimEnd('/')).Where(h => h.Length > 0))
        {
            foreach (var scheme in (string[])["http://", "https://", "//"])
            {
                prefixes.AddRange(paths.Select(p => scheme + host + p));
            }
        }

        if (!string.IsNullOrWhiteSpace(cdnBaseUrl))
        {
            var cdn = cdnBaseUrl.Trim().TrimEnd('/');
            prefixes.AddRange(paths.Select(p => cdn + p));
        }

        return new MediaUrlBases(media, prefixes);
    }

    /// <summary>Whether a media URL starts at <paramref name="index"/>.</summary>
    /// <param name="text">The text.</param>
    /// <param name="index">Where the URL would start.</param>
    /// <param name="length">The length of the matched prefix.</param>
    /// <returns>Whether one of the prefixes starts there, at a URL boundary.</returns>
    public bool IsMatchAt(ReadOnlySpan<char> text, int index, out int length)
    {
        length = 0;
        if (index > 0 && !IsBoundary(text[index - 1]))
        {
            return false;
        }

        var rest = text[index..];
        foreach (var prefix in _prefixes)
        {
            if (rest.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                length = prefix.Length;
                return true;
            }
        }

        return false;
    }

    /// <summary>Finds the next media URL starting at or after <paramref name="from"/>.</summary>
    /// <param name="text">The text.</param>
    /// <param name="from">Where to start looking.</param>
    /// <param name="start">Where the URL starts.</param>
    /// <param name="prefixLength">The length of its prefix.</param>
    /// <returns>Whether one was found.</returns>
    public bool TryFindNext(ReadOnlySpan<char> text, int from, out int start, out int prefixLength)
    {
        var searchFrom = from;
        while (searchFrom < text.Length)
        {
            var found = text[searchFrom..].IndexOf(Marker, StringComparison.OrdinalIgnoreCase);
            if (found < 0)
            {
                break;
            }

            var marker = searchFrom + found;

            // The longest prefix that ends with this marker and starts at or after 'from'.
            foreach (var prefix in _prefixes)
            {
                var candidate = marker - (prefix.Length - Marker.Length);
                if (candidate >= from && candidate + prefix.Length <= text.Length
                    && text.Slice(candidate, prefix.Length).Equals(prefix, StringComparison.OrdinalIgnoreCase)
                    && (candidate == 0 || IsBoundary(text[candidate - 1])))
                {
                    start = candidate;
                    prefixLength = prefix.Length;
                    return true;
                }
            }

            searchFrom = marker + 1;
        }

        start = -1;
        prefixLength = 0;
        return false;
    }

    // A character that cannot end the previous part of the same URL: the URL starts here.
    private static bool IsBoundary(char c) => char.IsWhiteSpace(c) || c is '"' or '\'' or '(' or ')' or '<' or '>' or '=' or ',' or '[' or ']' or '{' or '}' or ';' or '|' or '`';
}
