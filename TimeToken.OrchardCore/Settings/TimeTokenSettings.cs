using TimeToken.Core;
using TimeToken.OrchardCore.RichText;

namespace TimeToken.OrchardCore.Settings;

/// <summary>
/// The settings a site builder edits on the "Time tokens" settings page, stored per tenant in the site settings
/// under the name <c>TimeTokenSettings</c> (a recipe's <c>Settings</c> step may set them too).
/// </summary>
/// <remarks>
/// The key ring is not part of these settings: it is stored apart and encrypted, so a recipe or an export of
/// these settings never carries a key. The configuration section <c>OrchardCore_TimeToken</c> wins over each of
/// them. Not sealed: the settings page's form extends it (<see cref="ViewModels.TimeTokenSettingsViewModel"/>).
/// </remarks>
public class TimeTokenSettings
{
    /// <summary>
    /// The default link lifetime in seconds. Default <see cref="TimeTokenOptions.DefaultTimeoutSeconds"/>; allowed
    /// <see cref="TimeTokenOptionsValidator.MinTimeoutSeconds"/> to <see cref="TimeTokenOptionsValidator.MaxTimeoutSeconds"/>.
    /// </summary>
    public int TimeoutSeconds { get; set; } = TimeTokenOptions.DefaultTimeoutSeconds;

    /// <summary>The cap of per-link lifetimes in seconds. Default <see langword="null"/>: equal to the timeout. Never below it.</summary>
    public int? MaxLifetimeSeconds { get; set; }

    /// <summary>The token's query parameter. Default <c>tt</c>.</summary>
    public string ParameterName { get; set; } = TimeTokenOptions.DefaultParameterName;

    /// <summary>Whether files under <see cref="PublicNamespace"/> are served without a token. Default <see langword="true"/>.</summary>
    public bool UsePublicNamespace { get; set; } = true;

    /// <summary>The public folder. Default <c>public/</c>.</summary>
    public string PublicNamespace { get; set; } = TimeTokenOptions.DefaultPublicNamespace;

    /// <summary>The status of refused requests: 404 (default, <see cref="TimeTokenOptions.DefaultFailureStatusCode"/>), 403 or 410.</summary>
    public int FailureStatusCode { get; set; } = TimeTokenOptions.DefaultFailureStatusCode;

    /// <summary>The path of upload slots below the tenant. Default <c>timetoken/upload</c>.</summary>
    public string UploadNamespace { get; set; } = TimeTokenOptions.DefaultUploadNamespace;

    /// <summary>Whether media links in rich text are cleaned on save and signed on display. Default <see langword="true"/>.</summary>
    public bool SignRichText { get; set; } = true;

    /// <summary>The shape types signed on display, comma-separated. Default <see cref="RichTextOptions.DefaultRichTextShapeTypes"/>.</summary>
    public string RichTextShapeTypes { get; set; } = RichTextOptions.DefaultRichTextShapeTypes;
}
