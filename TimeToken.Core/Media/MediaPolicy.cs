namespace TimeToken.Core.Media;

/// <summary>Derived values of <see cref="TimeTokenOptions"/> that the signer and the gate must agree on.</summary>
internal static class MediaPolicy
{
    // A reference swapped atomically, so a reader never pairs one setting with another setting's folder.
    private static FolderCache? s_lastFolder;

    /// <summary>The normalised public folder (<c>public/</c>), or empty when there is none.</summary>
    public static string PublicFolder(TimeTokenOptions options)
    {
        var raw = options.PublicNamespace;
        if (string.IsNullOrEmpty(raw))
        {
            return string.Empty;
        }

        var cached = s_lastFolder;
        if (cached is not null && ReferenceEquals(cached.Raw, raw))
        {
            return cached.Folder;
        }

        // An invalid setting is refused by the validator; should one slip through, nothing is public.
        var folder = MediaPath.TryNormalizeFolder(raw, out var normalized) ? normalized : string.Empty;
        s_lastFolder = new FolderCache(raw, folder);
        return folder;
    }

    /// <summary>Whether a normalised path is in the public namespace.</summary>
    public static bool IsPublic(string normalizedPath, TimeTokenOptions options) =>
        MediaPath.IsUnder(normalizedPath, PublicFolder(options));

    private sealed record FolderCache(string Raw, string Folder);
}
