using System.Text;

namespace TimeToken.Core.Media;

/// <summary>
/// Normalises a media path once, before any decision is taken on it, and refuses every form that could mean
/// something else to a later layer.
/// </summary>
/// <remarks>
/// <para>
/// The input is the request path below the media prefix as the server gives it (percent-decoded once), or a
/// storage path given to the signer. The result has no leading <c>/</c> and uses <c>/</c> between segments.
/// </para>
/// <para>Refused, so the public-folder check can never be fooled (titofisto served <c>public/../secret</c>):</para>
/// <list type="bullet">
/// <item><c>.</c> and <c>..</c> segments, also after further rounds of percent-decoding or Unicode (NFKC) folding;</item>
/// <item>backslashes, and <c>/</c> or <c>\</c> left percent-encoded or produced by NFKC folding;</item>
/// <item>NUL and other control characters (C0, DEL, C1), and unpaired surrogates;</item>
/// <item>empty segments (<c>a//b</c>, a trailing <c>/</c>) and an empty path;</item>
/// <item>paths longer than <see cref="MaxLength"/> characters.</item>
/// </list>
/// </remarks>
public static class MediaPath
{
    /// <summary>The longest accepted path, in characters.</summary>
    public const int MaxLength = 1024;

    private const int MaxDecodingRounds = 4;

    /// <summary>
    /// Splits <paramref name="pathAndQuery"/> at its first <c>?</c> and normalises the path before it (see
    /// <see cref="TryNormalize"/>), as helpers and filters take a media path that may carry resize commands.
    /// </summary>
    /// <param name="pathAndQuery">A media path, optionally followed by <c>?query</c>.</param>
    /// <param name="normalized">The normalised path, when accepted.</param>
    /// <param name="query">The query with its <c>?</c>, or empty.</param>
    /// <returns>Whether the path is accepted.</returns>
    internal static bool TryNormalizeWithQuery(string? pathAndQuery, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? normalized, out string query)
    {
        normalized = null;
        query = string.Empty;
        if (pathAndQuery is null)
        {
            return false;
        }

        var question = pathAndQuery.IndexOf('?', StringComparison.Ordinal);
        if (question >= 0)
        {
            query = pathAndQuery[question..];
            pathAndQuery = pathAndQuery[..question];
        }

        return TryNormalize(pathAndQuery, out normalized);
    }

    /// <summary>Normalises <paramref name="path"/> or refuses it.</summary>
    /// <param name="path">The decoded path, with or without one leading <c>/</c>.</param>
    /// <param name="normalized">The normalised path without a leading <c>/</c>, when accepted.</param>
    /// <returns>Whether the path is accepted.</returns>
    public static bool TryNormalize(string? path, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? normalized)
    {
        normalized = null;
        if (string.IsNullOrEmpty(path) || !IsAccepted(path, out var span))
        {
            return false;
        }

        normalized = span.Length == path.Length ? path : span.ToString();
        return true;
    }

    /// <summary>
    /// Normalises a path given as characters (such as the request path after the media prefix), allocating only
    /// the result; the same rules as <see cref="TryNormalize(string?, out string?)"/>.
    /// </summary>
    internal static bool TryNormalizeChars(ReadOnlySpan<char> path, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? normalized)
    {
        normalized = null;
        if (path.IsEmpty || !IsAccepted(path, out var span))
        {
            return false;
        }

        normalized = span.ToString();
        return true;
    }

    private static bool IsAccepted(ReadOnlySpan<char> path, out ReadOnlySpan<char> span)
    {
        span = path;
        if (path.Length > MaxLength + 1)
        {
            return false;
        }

        if (span[0] == '/')
        {
            span = span[1..];
        }

        if (span.IsEmpty || span.Length > MaxLength)
        {
            return false;
        }

        // Printable ASCII (the usual path) has no control characters and no surrogates: one vectorised check.
        var printableAscii = !span.ContainsAnyExceptInRange(' ', '~');
        if (printableAscii)
        {
            if (span.Contains('\\'))
            {
                return false;
            }
        }
        else
        {
            for (var i = 0; i < span.Length; i++)
            {
                var c = span[i];
                if (c == '\\' || char.IsControl(c) || char.IsLowSurrogate(c))
                {
                    return false;
                }

                if (char.IsHighSurrogate(c))
                {
                    if (i + 1 == span.Length || !char.IsLowSurrogate(span[i + 1]))
                    {
                        return false;
                    }

                    i++;
                }
            }
        }

        foreach (var range in span.Split('/'))
        {
            if (!IsAcceptedSegment(span[range], printableAscii))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Normalises a folder setting (such as the public namespace) to the form <c>a/b/</c>, or refuses it.
    /// </summary>
    /// <param name="folder">The folder, with or without leading and trailing <c>/</c>.</param>
    /// <param name="normalized">The folder ending with <c>/</c>, when accepted.</param>
    /// <returns>Whether the folder is accepted.</returns>
    internal static bool TryNormalizeFolder(string? folder, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? normalized)
    {
        normalized = null;
        if (folder is null)
        {
            return false;
        }

        var trimmed = folder.Trim();
        if (trimmed.EndsWith('/'))
        {
            trimmed = trimmed[..^1];
        }

        if (!TryNormalize(trimmed, out var path))
        {
            return false;
        }

        normalized = path + "/";
        return true;
    }

    /// <summary>The longest stored file or folder name, in UTF-8 bytes: the limit of common file systems.</summary>
    public const int MaxSegmentBytes = 255;

    /// <summary>
    /// Whether <paramref name="path"/> may be stored: it is already in the normalised form
    /// <see cref="TryNormalize"/> gives (no leading <c>/</c>), and every segment is a storable name (see
    /// <see cref="IsStorableName"/>). A stored path can therefore always be served by the gate.
    /// </summary>
    /// <param name="path">A relative path with <c>/</c> separators.</param>
    /// <returns>Whether the path may be stored.</returns>
    internal static bool IsStorablePath(string? path)
    {
        if (!TryNormalize(path, out var normalized) || !string.Equals(normalized, path, StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var range in path.AsSpan().Split('/'))
        {
            if (!IsStorableName(path.AsSpan()[range], 0))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Reduces a client's file name to its last segment (after the last <c>/</c> or <c>\</c>, trimmed) and accepts
    /// it only when it is a storable name with room for <paramref name="reservedBytes"/> more bytes (a collision
    /// suffix such as <c>-1</c>).
    /// </summary>
    /// <param name="raw">The name the client sent.</param>
    /// <param name="reservedBytes">UTF-8 bytes that must still fit below <see cref="MaxSegmentBytes"/>.</param>
    /// <param name="name">The accepted name.</param>
    /// <returns>Whether the name may be stored.</returns>
    internal static bool TryNormalizeFileName(string? raw, int reservedBytes, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? name)
    {
        name = null;
        if (string.IsNullOrEmpty(raw))
        {
            return false;
        }

        var last = raw.AsSpan()[(raw.AsSpan().LastIndexOfAny('/', '\\') + 1)..].Trim();
        if (last.IsEmpty || !TryNormalizeChars(last, out var normalized) || normalized.Contains('/', StringComparison.Ordinal)
            || !IsStorableName(normalized, reservedBytes))
        {
            return false;
        }

        name = normalized;
        return true;
    }

    /// <summary>
    /// Whether one segment that <see cref="TryNormalize"/> accepts may also be stored: at most
    /// <see cref="MaxSegmentBytes"/> minus <paramref name="reservedBytes"/> UTF-8 bytes, and none of the characters
    /// that some store gives a meaning (<c>:</c>, a drive or stream separator) or that split lines in logs and
    /// headers (U+2028, U+2029).
    /// </summary>
    private static bool IsStorableName(ReadOnlySpan<char> segment, int reservedBytes) =>
        !segment.ContainsAny(':', '\u2028', '\u2029')
        && Encoding.UTF8.GetByteCount(segment) <= MaxSegmentBytes - reservedBytes;

    /// <summary>Whether <paramref name="normalizedPath"/> lies in <paramref name="normalizedFolder"/> (ordinal, so case must match).</summary>
    /// <param name="normalizedPath">A path from <see cref="TryNormalize"/>.</param>
    /// <param name="normalizedFolder">A folder from <see cref="TryNormalizeFolder"/>, or empty for none.</param>
    /// <returns>Whether the path starts with the folder.</returns>
    internal static bool IsUnder(string normalizedPath, string normalizedFolder) =>
        normalizedFolder.Length > 0 && normalizedPath.StartsWith(normalizedFolder, StringComparison.Ordinal);

    private static bool IsAcceptedSegment(ReadOnlySpan<char> segment, bool printableAscii)
    {
        if (segment.IsEmpty || IsDotSegment(segment))
        {
            return false;
        }

        if (segment.Contains('%'))
        {
            // Layers behind us may decode again, even more than once: refuse what would then become a separator,
            // a dot segment or a control character.
            var decoded = segment.ToString();
            for (var round = 0; round < MaxDecodingRounds && decoded.Contains('%'); round++)
            {
                var next = Uri.UnescapeDataString(decoded);
                if (next.Contains('/') || next.Contains('\\') || IsDotSegment(next) || next.Any(char.IsControl))
                {
                    return false;
                }

                if (string.Equals(next, decoded, StringComparison.Ordinal))
                {
                    break;
                }

                decoded = next;
            }
        }

        if (printableAscii)
        {
            return true;
        }

        foreach (var c in segment)
        {
            if (c > '\u007F')
            {
                // Unicode look-alikes (fullwidth dots and solidus, one-dot leaders...) fold into dots and separators.
                string folded;
                try
                {
                    folded = segment.ToString().Normalize(NormalizationForm.FormKC);
                }
                catch (ArgumentException)
                {
                    // An unpaired surrogate: no file name of ours, and no safe folding.
                    return false;
                }

                return !folded.Contains('/') && !folded.Contains('\\') && !IsDotSegment(folded) && !folded.Any(char.IsControl);
            }
        }

        return true;
    }

    private static bool IsDotSegment(ReadOnlySpan<char> segment) => segment is "." or "..";
}
