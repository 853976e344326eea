using TimeToken.Core.Media;

namespace TimeToken.Core.Uploads;

/// <summary>
/// Checks of the folder and file names an upload may be stored under. They are the gate's own rules
/// (<see cref="MediaPath"/>), so nothing the gate would refuse is ever stored, plus one rule of the file providers
/// behind it: no segment may start with <c>.</c>. ASP.NET Core's <c>PhysicalFileProvider</c>, which Orchard's media
/// library serves files with, hides such names (<c>ExclusionFilters.Sensitive</c>: dot-prefixed, hidden and system
/// files; on Linux and macOS a hidden file is a dot-prefixed one, and an upload never sets the Hidden or System
/// attribute on Windows), so a file stored under one could never be downloaded. Stored means servable.
/// </summary>
internal static class UploadFolderPath
{
    /// <summary>
    /// Room kept in a file name for the collision suffix of <see cref="SaveToFolderUploadSlotHandler"/>
    /// (<c>-1</c> … <c>-99</c>, and one more byte to spare), in UTF-8 bytes.
    /// </summary>
    public const int CollisionSuffixBytes = 4;

    /// <summary>The longest accepted file name, in UTF-8 bytes: 255 less the room for the collision suffix.</summary>
    public const int MaxFileNameBytes = MediaPath.MaxSegmentBytes - CollisionSuffixBytes;

    /// <summary>
    /// The longest folder of a slot, in characters, so that the folder, a <c>/</c> and the longest name still fit
    /// in <see cref="MediaPath.MaxLength"/>.
    /// </summary>
    public const int MaxFolderLength = MediaPath.MaxLength - 1 - MediaPath.MaxSegmentBytes;

    /// <summary>Whether <paramref name="path"/> may be stored (see <see cref="MediaPath.IsStorablePath"/>).</summary>
    public static bool IsValidRelativePath(string? path) => MediaPath.IsStorablePath(path) && !HasHiddenSegment(path!);

    /// <summary>Normalises a folder argument: trims surrounding slashes; empty means the root.</summary>
    public static bool TryNormalizeFolder(string? folder, out string normalized)
    {
        normalized = (folder ?? string.Empty).Trim('/');
        return normalized.Length == 0 || (normalized.Length <= MaxFolderLength && MediaPath.IsStorablePath(normalized) && !HasHiddenSegment(normalized));
    }

    /// <summary>
    /// Reduces a client's file name to its last segment (trimmed) and accepts it only when it is storable with room
    /// for the collision suffix (see <see cref="MediaPath.TryNormalizeFileName"/>) and does not start with <c>.</c>:
    /// <c>.report.pdf</c> and <c> .pdf</c> are refused, never renamed.
    /// </summary>
    public static bool TrySanitizeFileName(string? raw, out string name)
    {
        if (MediaPath.TryNormalizeFileName(raw, CollisionSuffixBytes, out var normalized) && !HasHiddenSegment(normalized))
        {
            name = normalized;
            return true;
        }

        name = string.Empty;
        return false;
    }

    /// <summary>Whether a segment of <paramref name="path"/> (a normalised relative path) starts with <c>.</c>, a name the media file provider hides.</summary>
    private static bool HasHiddenSegment(string path)
    {
        foreach (var range in path.AsSpan().Split('/'))
        {
            if (path.AsSpan()[range].StartsWith('.'))
            {
                return true;
            }
        }

        return false;
    }
}
