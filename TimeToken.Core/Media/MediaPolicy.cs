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

    /// <summary>The expiry of a link signed at <paramref name="now"/>, on a window boundary, in unix seconds.</summary>
    public static long ComputeExpiry(DateTimeOffset now, TimeSpan? lifetime, TimeTokenOptions options)
    {
        if (lifetime is { } requested && requested <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(lifetime), lifetime, "A link lifetime must be positive.");
        }

        var max = Math.Max(1, options.EffectiveMaxLifetimeSeconds);
        long seconds = lifetime is { } value ? (long)Math.Ceiling(Math.Min(value.TotalSeconds, max)) : options.TimeoutSeconds;
        seconds = Math.Clamp(seconds, 1, max);
        var window = Math.Max(1, options.CacheWindowSeconds);

        var ticks = now.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        var nowSeconds = (ticks / TimeSpan.TicksPerSecond) + (ticks % TimeSpan.TicksPerSecond > 0 ? 1 : 0);
        var raw = nowSeconds + seconds;
        return (raw + window - 1) / window * window;
    }

    private sealed record FolderCache(string Raw, string Folder);
}
