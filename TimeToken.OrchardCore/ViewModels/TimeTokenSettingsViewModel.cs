using Microsoft.AspNetCore.Mvc.ModelBinding;
using TimeToken.OrchardCore.Settings;

namespace TimeToken.OrchardCore.ViewModels;

/// <summary>
/// The form of the "Time tokens" settings page: the settings' fields (<see cref="TimeTokenSettings"/>), the key
/// rotation, and what is shown only. Not sealed: Orchard makes shape proxies of view models (OCSG001).
/// </summary>
/// <remarks>Security: it carries the active key's id and creation time, never key material.</remarks>
public class TimeTokenSettingsViewModel : TimeTokenSettings
{
    /// <summary>Whether to rotate the signing key on save.</summary>
    public bool RotateKey { get; set; }

    /// <summary>The confirmation of <see cref="RotateKey"/>.</summary>
    public bool ConfirmRotateKey { get; set; }

    /// <summary>The id of the active signing key (display only).</summary>
    [BindNever]
    public string? ActiveKeyId { get; set; }

    /// <summary>When the active signing key was made (display only).</summary>
    [BindNever]
    public DateTimeOffset? ActiveKeyCreatedUtc { get; set; }

    /// <summary>The fields set by configuration (<c>OrchardCore_TimeToken</c>), shown read-only (display only).</summary>
    [BindNever]
    public IReadOnlySet<string> LockedFields { get; set; } = new HashSet<string>();

    /// <summary>Whether a field is set by configuration.</summary>
    /// <param name="name">The field's name.</param>
    /// <returns>Whether the page shows it read-only.</returns>
    public bool IsLocked(string name) => LockedFields.Contains(name);
}
