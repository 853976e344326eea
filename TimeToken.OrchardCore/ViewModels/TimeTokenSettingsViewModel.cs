using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace TimeToken.OrchardCore.ViewModels;

/// <summary>
/// The form of the "Time tokens" settings page. Not sealed: Orchard makes shape proxies of view models (OCSG001).
/// </summary>
/// <remarks>Security: it carries the active key's id and creation time, never key material.</remarks>
public class TimeTokenSettingsViewModel
{
    /// <summary>The default link lifetime in seconds.</summary>
    public int TimeoutSeconds { get; set; }

    /// <summary>The cap of per-link lifetimes in seconds; empty means the timeout.</summary>
    public int? MaxLifetimeSeconds { get; set; }

    /// <summary>The token's query parameter.</summary>
    public string? ParameterName { get; set; }

    /// <summary>Whether files in the public folder are served without a token.</summary>
    public bool UsePublicNamespace { get; set; }

    /// <summary>The public folder.</summary>
    public string? PublicNamespace { get; set; }

    /// <summary>The status of refused requests (404, 403 or 410).</summary>
    public int FailureStatusCode { get; set; }

    /// <summary>The path of upload slots below the tenant.</summary>
    public string? UploadNamespace { get; set; }

    /// <summary>Whether media links in rich text are cleaned on save and signed on display.</summary>
    public bool SignRichText { get; set; }

    /// <summary>The shape types signed on display, comma-separated.</summary>
    public string? RichTextShapeTypes { get; set; }

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
