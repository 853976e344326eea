using System.Collections.Concurrent;
using System.IO.Hashing;
using System.Runtime.InteropServices;

namespace TimeToken.OrchardCore.RichText;

/// <summary>
/// Remembers, per rich text, its parsed media URLs and the text signed last (<see cref="RichTextLinks"/>), so the
/// HTML tokenizer reads a body once and later displays only ask the signer about each link again. A body is
/// recognised by its full text (hashed, then compared), the tenant's media URL prefixes and the token parameter's
/// name, so an edited body is read afresh.
/// </summary>
/// <remarks>
/// Bounded: at most <see cref="MaxEntries"/> bodies and <see cref="MaxChars"/> characters of them (counted twice: the
/// text and its signed output); when either is reached the cache starts again empty. Bodies longer than
/// <see cref="MaxBodyChars"/> are never kept.
/// </remarks>
internal sealed class RichTextLinksCache
{
    internal const int MaxEntries = 2_000;
    internal const long MaxChars = 16_000_000;
    internal const int MaxBodyChars = 1_000_000;

    private readonly ConcurrentDictionary<Key, RichTextLinks> _entries = new();
    private long _chars;

    /// <summary>The number of bodies kept; for tests.</summary>
    internal int Count => _entries.Count;

    /// <summary>The links of <paramref name="html"/>, from the cache or found now.</summary>
    /// <param name="html">The rendered rich text.</param>
    /// <param name="bases">The tenant's media URL prefixes.</param>
    /// <param name="parameterName">The token parameter.</param>
    public RichTextLinks Get(string html, MediaUrlBases bases, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(html);
        if (!html.Contains(bases.Marker, StringComparison.OrdinalIgnoreCase))
        {
            return new RichTextLinks(html, []);
        }

        var key = new Key(XxHash3.HashToUInt64(MemoryMarshal.AsBytes(html.AsSpan())), html.Length, bases.Key, parameterName);
        if (_entries.TryGetValue(key, out var entry) && string.Equals(entry.Html, html, StringComparison.Ordinal))
        {
            return entry;
        }

        var links = RichTextLinkRewriter.FindLinks(html, bases, parameterName);
        if (html.Length <= MaxBodyChars)
        {
            if (_entries.Count >= MaxEntries || Interlocked.Add(ref _chars, 2L * html.Length) > MaxChars)
            {
                _entries.Clear();
                Interlocked.Exchange(ref _chars, 2L * html.Length);
            }

            _entries[key] = links;
        }

        return links;
    }

    // The links depend on the text, on the prefixes the URLs are matched against and on the parameter's name.
    private readonly record struct Key(ulong Hash, int Length, string Bases, string ParameterName);
}
