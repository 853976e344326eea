using TimeToken.Core.Media;

namespace TimeToken.OrchardCore.RichText;

/// <summary>
/// The media URLs of one rendered rich text (<see cref="RichTextLinkRewriter.FindLinks"/>), parsed once, and the
/// text signed last: a later display asks the signer about each link again and, when every token is the one it gave
/// last time (the same while version, expiry and key are unchanged; none for a public file), gives the same output
/// again without rebuilding it.
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
    /// <param name="signer">The signer (<see cref="IMediaUrlSigner.Sign"/>), asked with each link's <see cref="MediaLink.Request"/>.</param>
    /// <returns><see cref="Html"/> itself when no URL needed a token, else the signed text.</returns>
    public string Sign(IMediaUrlSigner signer)
    {
        ArgumentNullException.ThrowIfNull(signer);
        if (_links.Length == 0)
        {
            return Html;
        }

        // Every link is asked about on every display: the signer checks versions and caps cache scopes as it goes.
        var last = _last;
        var tokens = new string?[_links.Length];
        var unchanged = last is not null;
        for (var i = 0; i < _links.Length; i++)
        {
            tokens[i] = signer.Sign(_links[i].Url.Request).Token;
            unchanged = unchanged && string.Equals(tokens[i], last!.Tokens[i], StringComparison.Ordinal);
        }

        if (unchanged)
        {
            return last!.Output;
        }

        List<RichTextLinkRewriter.Replacement>? replacements = null;
        for (var i = 0; i < _links.Length; i++)
        {
            if (_links[i].Url.WithToken(tokens[i]) is { } text)
            {
                (replacements ??= []).Add(new RichTextLinkRewriter.Replacement(_links[i].Start, _links[i].Length, text));
            }
        }

        var output = RichTextLinkRewriter.Apply(Html, replacements);
        _last = new Signed(tokens, output);
        return output;
    }

    /// <summary>One media URL of the text.</summary>
    /// <param name="Start">The index of its first character.</param>
    /// <param name="Length">Its length, as written.</param>
    /// <param name="Url">The URL, parsed.</param>
    internal readonly record struct Link(int Start, int Length, MediaLink Url);

    // The token the signer gave each link last time (null: none), and the text built from them.
    private sealed record Signed(string?[] Tokens, string Output);
}
