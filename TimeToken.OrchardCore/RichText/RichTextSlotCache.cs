using System.Collections.Concurrent;
using System.IO.Hashing;
using System.Runtime.InteropServices;

namespace TimeToken.OrchardCore.RichText;

/// <summary>
/// Remembers, per rich text, where its media attributes are (<see cref="RichTextLinkRewriter.FindSlots"/>), so the
/// HTML tokenizer reads a body once and later displays only sign the slots again. A body is recognised by its full
/// text (hashed, then compared), so an edited body is read afresh.
/// </summary>
/// <remarks>
/// Bounded: at most <see cref="MaxEntries"/> bodies and <see cref="MaxChars"/> characters of them; when either is
/// reached the cache starts again empty. Bodies longer than <see cref="MaxBodyChars"/> are never kept.
/// </remarks>
internal sealed class RichTextSlotCache
{
    internal const int MaxEntries = 2_000;
    internal const long MaxChars = 8_000_000;
    internal const int MaxBodyChars = 1_000_000;

    private readonly ConcurrentDictionary<(ulong Hash, int Length), Entry> _entries = new();
    private long _chars;

    /// <summary>The number of bodies kept; for tests.</summary>
    internal int Count => _entries.Count;

    /// <summary>The slots of <paramref name="html"/>, from the cache or found now.</summary>
    public IReadOnlyList<RichTextLinkRewriter.Slot> GetSlots(string html, MediaUrlBases bases)
    {
        ArgumentNullException.ThrowIfNull(html);
        if (!html.Contains(bases.Marker, StringComparison.OrdinalIgnoreCase))
        {
            return [];
        }

        var key = (XxHash3.HashToUInt64(MemoryMarshal.AsBytes(html.AsSpan())), html.Length);
        if (_entries.TryGetValue(key, out var entry) && string.Equals(entry.Marker, bases.Marker, StringComparison.Ordinal) && string.Equals(entry.Html, html, StringComparison.Ordinal))
        {
            return entry.Slots;
        }

        var slots = RichTextLinkRewriter.FindSlots(html, bases);
        if (html.Length <= MaxBodyChars)
        {
            if (_entries.Count >= MaxEntries || Interlocked.Add(ref _chars, html.Length) > MaxChars)
            {
                _entries.Clear();
                Interlocked.Exchange(ref _chars, html.Length);
            }

            _entries[key] = new Entry(html, bases.Marker, slots);
        }

        return slots;
    }

    // The slots depend on the text and on the media path the attribute values are filtered by.
    private sealed record Entry(string Html, string Marker, RichTextLinkRewriter.Slot[] Slots);
}
