namespace TimeToken.Core.Uploads;

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
