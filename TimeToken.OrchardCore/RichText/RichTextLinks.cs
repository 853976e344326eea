namespace TimeToken.OrchardCore.RichText;

/// <summary>
/// The media URLs of one rendered rich text (<see cref="RichTextLinkRewriter.FindLinks"/>), parsed once, and the
/// text signed last: a later display asks the signer about each link again and, when every answer is the one it gave
/// last time (the signer returns the same URL instance while version, expiry and key are unchanged, and a public
/// file's URL as it came), gives the same output again without rebuilding it.
/// </summary>
/// <remarks>Thread-safe: the last output is swapped as one reference.</remarks>
internal sealed class RichTextLinks
{
    private readonly Link[] _links;
    private volatile Signed? _last;

    /// <summary>Takes a text and its links.</summary>
    /// <param name="html">The text.</param>
    /// <param name="links">Its media URLs, in order of position, not overlapping.</param>
    public RichTextLinks(string html, Link[] links)
    {
        Html = html;
        _links = links;
    }

    /// <summary>The text.</summary>
    public string Html { get; }

    /// <summary>The number of media URLs in it.</summary>
    public int Count => _links.Length;

    /// <summary>The text with a fresh token on every protected media URL.</summary>
    /// <param name="addToken">Signs a decoded URL for a storage path (<see cref="TimeToken.Core.Media.IMediaUrlSigner.AddToken"/>).</param>
    /// <returns><see cref="Html"/> itself when no URL needed a token, else the signed text.</returns>
    public string Sign(Func<string, string, string> addToken)
    {
        ArgumentNullException.ThrowIfNull(addToken);
        if (_links.Length == 0)
        {
            return Html;
        }

        // Every link is asked about on every display: the signer checks versions and caps cache scopes as it goes.
        var last = _last;
        var urls = new string[_links.Length];
        var unchanged = last is not null;
        for (var i = 0; i < _links.Length; i++)
        {
            var link = _links[i].Url;
            urls[i] = addToken(link.DecodedUrl, link.StoragePath);
            unchanged = unchanged && ReferenceEquals(urls[i], last!.Urls[i]);
        }

        if (unchanged)
        {
            return last!.Output;
        }

        List<RichTextLinkRewriter.Replacement>? replacements = null;
        for (var i = 0; i < _links.Length; i++)
        {
            if (_links[i].Url.WithTokenOf(urls[i]) is { } text)
            {
                (replacements ??= []).Add(new RichTextLinkRewriter.Replacement(_links[i].Start, _links[i].Length, text));
            }
        }

        var output = RichTextLinkRewriter.Apply(Html, replacements);
        _last = new Signed(urls, output);
        return output;
    }

    /// <summary>One media URL of the text.</summary>
    /// <param name="Start">The index of its first character.</param>
    /// <param name="Length">Its length, as written.</param>
    /// <param name="Url">The URL, parsed.</param>
    internal readonly record struct Link(int Start, int Length, MediaLink Url);

    // What the signer gave for each link last time, and the text built from it.
    private sealed record Signed(string[] Urls, string Output);
}
