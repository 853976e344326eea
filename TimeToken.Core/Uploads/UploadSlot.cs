namespace TimeToken.Core.Uploads;

/// <summary>
/// An upload slot handed to a client: a short-lived URL that accepts one POST, and the limits the server enforces.
/// </summary>
/// <remarks>
/// The URL is relative to the application (or tenant) root, without the path base:
/// <c>/{UploadNamespace}/{slotId}/{token}</c>. Prefix it with the request's path base when the site lives under
/// one. The URL is a bearer credential: whoever holds it may upload once until <see cref="ExpiresAt"/>.
/// </remarks>
public sealed class UploadSlot
{
    /// <summary>Creates a slot description.</summary>
    /// <param name="url">The relative URL to POST to.</param>
    /// <param name="expiresAt">When the slot stops accepting uploads.</param>
    /// <param name="maxBytes">The largest accepted total file size, in bytes.</param>
    /// <param name="allowedExtensions">The allowed extensions (lower case, with their dot); empty for any.</param>
    /// <param name="maxFiles">The number of files one upload may carry.</param>
    public UploadSlot(string url, DateTimeOffset expiresAt, long maxBytes, IReadOnlyList<string> allowedExtensions, int maxFiles)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(allowedExtensions);
        Url = url;
        ExpiresAt = expiresAt;
        MaxBytes = maxBytes;
        AllowedExtensions = allowedExtensions;
        MaxFiles = maxFiles;
    }

    /// <summary>The relative URL to POST to: <c>/{UploadNamespace}/{slotId}/{token}</c>.</summary>
    public string Url { get; }

    /// <summary>When the slot stops accepting uploads (an upload must start before this instant).</summary>
    public DateTimeOffset ExpiresAt { get; }

    /// <summary>The largest accepted total size of the uploaded files, in bytes.</summary>
    public long MaxBytes { get; }

    /// <summary>The allowed file extensions, lower case with their dot; empty when every extension is allowed.</summary>
    public IReadOnlyList<string> AllowedExtensions { get; }

    /// <summary>The number of files one upload may carry.</summary>
    public int MaxFiles { get; }
}

/// <summary>
/// Per-slot limits asked for when a slot is created. Every value may only narrow the global limits of
/// <see cref="TimeTokenOptions.Uploads"/>; <see langword="null"/> keeps the global value.
/// </summary>
public sealed class UploadSlotOptions
{
    /// <summary>
    /// How long the slot accepts an upload. Default <see langword="null"/>: <see cref="TimeTokenOptions.TimeoutSeconds"/>.
    /// Capped by <see cref="TimeTokenOptions.EffectiveMaxLifetimeSeconds"/>; must be positive.
    /// </summary>
    public TimeSpan? Lifetime { get; set; }

    /// <summary>The largest accepted total file size in bytes, capped by <see cref="UploadLimitsOptions.MaxBytes"/>.</summary>
    public long? MaxBytes { get; set; }

    /// <summary>
    /// Allowed extensions, each with its dot (such as <c>.pdf</c>), compared case-insensitively. When the global
    /// <see cref="UploadLimitsOptions.AllowedExtensions"/> is non-empty, the slot gets the intersection; an empty
    /// intersection is refused when the slot is created.
    /// </summary>
    public IReadOnlyCollection<string>? AllowedExtensions { get; set; }

    /// <summary>The number of files one upload may carry. Default 1; capped by <see cref="UploadLimitsOptions.MaxFiles"/>.</summary>
    public int? MaxFiles { get; set; }
}
