using System.Globalization;
using System.Text;

namespace TimeToken.Core.Media;

/// <summary>
/// The download name of a share link: checked when the link is made, encoded when the file is served as
/// <c>Content-Disposition: attachment; filename="…"; filename*=UTF-8''…</c> (RFC 6266, RFC 5987).
/// </summary>
/// <remarks>
/// A name is at most <see cref="MaxLength"/> characters of well-formed Unicode, without control or format characters
/// (CR, LF, NUL, bidirectional overrides, zero-width characters), line or paragraph separators, <c>/</c> or <c>\</c>,
/// and without spaces at either end. Quotes, <c>;</c>, <c>%</c> and non-ASCII letters are allowed: they are encoded,
/// never written raw into the header.
/// </remarks>
public static class MediaDownloadName
{
    /// <summary>The longest download name, in UTF-16 characters.</summary>
    public const int MaxLength = 200;

    /// <summary>Whether a name may be a download name.</summary>
    /// <param name="name">The name.</param>
    /// <returns>Whether <see cref="Check"/> finds nothing wrong.</returns>
    public static bool IsValid(string? name) => name is not null && Check(name) is null;

    /// <summary>What is wrong with a download name, in a sentence for the person who typed it.</summary>
    /// <param name="name">The name.</param>
    /// <returns>The reason, or <see langword="null"/> when the name is valid.</returns>
    public static string? Check(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length == 0)
        {
            return "The download name is empty.";
        }

        if (name.Length > MaxLength)
        {
            return string.Create(CultureInfo.InvariantCulture, $"The download name is longer than {MaxLength} characters.");
        }

        if (char.IsWhiteSpace(name[0]) || char.IsWhiteSpace(name[^1]) || name is "." or "..")
        {
            return "The download name starts or ends with a space, or is a dot name.";
        }

        var rest = name.AsSpan();
        while (!rest.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(rest, out var rune, out var consumed) != System.Buffers.OperationStatus.Done)
            {
                return "The download name is not well-formed Unicode.";
            }

            var category = Rune.GetUnicodeCategory(rune);
            if (category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator
                or UnicodeCategory.ParagraphSeparator or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned
                || rune.Value is '/' or '\\')
            {
                return "The download name holds a control character, a separator or a slash.";
            }

            rest = rest[consumed..];
        }

        return null;
    }

    /// <summary>
    /// The <c>Content-Disposition</c> value for a valid name: <c>attachment</c>, an ASCII <c>filename</c> for old
    /// clients (every character outside printable ASCII, one per code point, and <c>"</c>, <c>\</c> and <c>%</c>, as <c>_</c>), and
    /// <c>filename*</c> with the name's UTF-8 bytes percent-encoded except RFC 5987's attr-chars.
    /// </summary>
    /// <param name="name">A name for which <see cref="IsValid"/> holds.</param>
    /// <returns>The header value, printable ASCII only.</returns>
    public static string ContentDisposition(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var builder = new StringBuilder("attachment; filename=\"", 40 + (name.Length * 10));
        foreach (var rune in name.EnumerateRunes())
        {
            builder.Append(rune.Value is >= ' ' and <= '~' and not ('"' or '\\' or '%') ? (char)rune.Value : '_');
        }

        builder.Append("\"; filename*=UTF-8''");
        Span<byte> bytes = stackalloc byte[4];
        foreach (var rune in name.EnumerateRunes())
        {
            var count = rune.EncodeToUtf8(bytes);
            foreach (var b in bytes[..count])
            {
                if (IsAttrChar(b))
                {
                    builder.Append((char)b);
                }
                else
                {
                    builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
                }
            }
        }

        return builder.ToString();
    }

    // RFC 5987 attr-char: ALPHA / DIGIT / "!" / "#" / "$" / "&" / "+" / "-" / "." / "^" / "_" / "`" / "|" / "~".
    private static bool IsAttrChar(byte b) =>
        b is (>= (byte)'a' and <= (byte)'z') or (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'0' and <= (byte)'9')
        or (byte)'!' or (byte)'#' or (byte)'$' or (byte)'&' or (byte)'+' or (byte)'-' or (byte)'.' or (byte)'^'
        or (byte)'_' or (byte)'`' or (byte)'|' or (byte)'~';
}
