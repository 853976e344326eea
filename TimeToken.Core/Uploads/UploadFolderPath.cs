namespace TimeToken.Core.Uploads;

/// <summary>Checks of relative folder and file paths used by the built-in handler.</summary>
internal static class UploadFolderPath
{
    /// <summary>
    /// Whether <paramref name="path"/> is relative, uses <c>/</c> only, has no empty, <c>.</c> or <c>..</c> segment,
    /// no control character, no <c>:</c> and at most 1024 characters.
    /// </summary>
    public static bool IsValidRelativePath(string? path)
    {
        if (string.IsNullOrEmpty(path) || path.Length > 1024)
        {
            return false;
        }

        foreach (var segment in path.Split('/'))
        {
            if (segment.Length == 0 || segment is "." or "..")
            {
                return false;
            }

            foreach (var c in segment)
            {
                if (char.IsControl(c) || c is '\\' or ':' or '\u2028' or '\u2029')
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>Normalises a folder argument: trims surrounding slashes; empty means the root.</summary>
    public static bool TryNormalizeFolder(string? folder, out string normalized)
    {
        normalized = (folder ?? string.Empty).Trim('/');
        return normalized.Length == 0 || IsValidRelativePath(normalized);
    }
}
