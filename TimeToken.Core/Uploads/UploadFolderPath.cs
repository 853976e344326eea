using TimeToken.Core.Media;

namespace TimeToken.Core.Uploads;

/// <summary>
/// Checks of the folder and file names an upload may be stored under. They are the gate's own rules
/// (<see cref="MediaPath"/>), so a stored file can always be served and nothing the gate would refuse is ever stored.
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
    public static bool IsValidRelativePath(string? path) => MediaPath.IsStorablePath(path);

    /// <summary>Normalises a folder argument: trims surrounding slashes; empty means the root.</summary>
    public static bool TryNormalizeFolder(string? folder, out string normalized)
    {
        normalized = (folder ?? string.Empty).Trim('/');
        return normalized.Length == 0 || (normalized.Length <= MaxFolderLength && MediaPath.IsStorablePath(normalized));
    }

    /// <summary>
    /// Reduces a client's file name to its last segment and accepts it only when it is storable with room for the
    /// collision suffix (see <see cref="MediaPath.TryNormalizeFileName"/>).
    /// </summary>
    public static bool TrySanitizeFileName(string? raw, out string name)
    {
        if (MediaPath.TryNormalizeFileName(raw, CollisionSuffixBytes, out var normalized))
        {
            name = normalized;
            return true;
        }

        name = string.Empty;
        return false;
    }
}
