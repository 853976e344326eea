using TimeToken.Core;
using TimeToken.OrchardCore.RichText;
using V = TimeToken.Core.TimeTokenOptionsValidator;

namespace TimeToken.OrchardCore.Settings;

/// <summary>
/// Every field of the settings page, described once: how it is copied between settings (stored, posted, shown),
/// which option it fills, the value in force it shows when configuration sets it, which configuration key locks it,
/// and how the page shows it (section, label, hint, input kind, limits). The mapper, the editor and the view all
/// read this table, so a new setting is one row here and one property in <see cref="TimeTokenSettings"/>.
/// </summary>
/// <remarks>Labels, hints and choices are English localizer keys; a hint's <c>{0}</c>… take its arguments.</remarks>
internal static class TimeTokenSettingFields
{
    internal const string LinksSection = "Links";
    internal const string PublicFolderSection = "Public folder";
    internal const string RichTextSection = "Rich text";
    internal const string UploadSlotsSection = "Upload slots";

    /// <summary>The fields, in the order of the page.</summary>
    public static readonly IReadOnlyList<Field> All =
    [
        Describe(
            nameof(TimeTokenSettings.TimeoutSeconds), s => s.TimeoutSeconds, (s, v) => s.TimeoutSeconds = v, o => o.TimeToken.TimeoutSeconds, (s, o) => o.TimeToken.TimeoutSeconds = s.TimeoutSeconds,
            new(LinksSection, "Link lifetime (seconds)", FieldKind.Number, "How long a signed media link works. Default {0} (one hour); {1} to {2}. Lowering it also cuts links already issued.", [TimeTokenOptions.DefaultTimeoutSeconds, V.MinTimeoutSeconds, V.MaxTimeoutSeconds])
            { Min = V.MinTimeoutSeconds, Max = V.MaxTimeoutSeconds }),
        Describe(
            nameof(TimeTokenSettings.MaxLifetimeSeconds), s => s.MaxLifetimeSeconds, (s, v) => s.MaxLifetimeSeconds = v, o => o.TimeToken.MaxLifetimeSeconds, (s, o) => o.TimeToken.MaxLifetimeSeconds = s.MaxLifetimeSeconds,
            new(LinksSection, "Longest lifetime (seconds)", FieldKind.Number, "The cap of the lifetime a template may ask for (signed_media_url: lifetime). Empty (default): the link lifetime. Never below it.")
            { Min = V.MinTimeoutSeconds, Max = V.MaxTimeoutSeconds }),
        Describe(
            nameof(TimeTokenSettings.ParameterName), s => s.ParameterName, (s, v) => s.ParameterName = Text(v), o => o.TimeToken.ParameterName, (s, o) => o.TimeToken.ParameterName = s.ParameterName,
            new(LinksSection, "Token parameter", FieldKind.Text, "The query parameter that carries the token. Default {0}. Letters, digits, - and _; never token nor an image command (width, height…). Changing it cuts links already issued.", [TimeTokenOptions.DefaultParameterName])
            { MaxLength = V.MaxParameterNameLength }),
        Describe(
            nameof(TimeTokenSettings.FailureStatusCode), s => s.FailureStatusCode, (s, v) => s.FailureStatusCode = v, o => o.TimeToken.FailureStatusCode, (s, o) => o.TimeToken.FailureStatusCode = s.FailureStatusCode,
            new(LinksSection, "Status of refused requests", FieldKind.Choice, "The answer to a missing, expired or tampered token. The body never names the reason.")
            {
                Choices = [("404", "404 Not Found (default, reveals nothing)"), ("403", "403 Forbidden"), ("410", "410 Gone (for clients that refresh links)")],
            }),

        // One option, two fields: the switch and the folder; configuring the folder locks both.
        Describe(
            nameof(TimeTokenSettings.UsePublicNamespace), s => s.UsePublicNamespace, (s, v) => s.UsePublicNamespace = v, o => o.TimeToken.PublicNamespace.Length > 0, (_, _) => { },
            new(PublicFolderSection, "Serve a public folder without a token", FieldKind.Check, "Default on. Off: every media file needs a token."),
            lockedBy: nameof(TimeTokenOptions.PublicNamespace)),
        Describe(
            nameof(TimeTokenSettings.PublicNamespace), s => s.PublicNamespace, (s, v) => s.PublicNamespace = Text(v), o => o.TimeToken.PublicNamespace, (s, o) => o.TimeToken.PublicNamespace = s.UsePublicNamespace ? s.PublicNamespace : string.Empty,
            new(PublicFolderSection, "Public folder", FieldKind.Text, "The media folder anyone may read, relative to the media root. Default {0}.", [TimeTokenOptions.DefaultPublicNamespace])),

        Describe(
            nameof(TimeTokenSettings.SignRichText), s => s.SignRichText, (s, v) => s.SignRichText = v, o => o.RichText.SignRichText, (s, o) => o.RichText.SignRichText = s.SignRichText,
            new(RichTextSection, "Sign media links in rich text", FieldKind.Check, "Default on. Links to this site's media inserted into HTML or Markdown bodies are saved without a token and signed each time they are shown. Off: an inserted link keeps the token it was inserted with and stops working when it expires.")),
        Describe(
            nameof(TimeTokenSettings.RichTextShapeTypes), s => s.RichTextShapeTypes, (s, v) => s.RichTextShapeTypes = Text(v), o => o.RichText.RichTextShapeTypes, (s, o) => o.RichText.RichTextShapeTypes = s.RichTextShapeTypes,
            new(RichTextSection, "Shapes to sign", FieldKind.Text, "The shape types whose links are signed when shown, separated by commas. Default: {0}.", [RichTextOptions.DefaultRichTextShapeTypes])),

        Describe(
            nameof(TimeTokenSettings.UploadNamespace), s => s.UploadNamespace, (s, v) => s.UploadNamespace = Text(v), o => o.TimeToken.UploadNamespace, (s, o) => o.TimeToken.UploadNamespace = s.UploadNamespace,
            new(UploadSlotsSection, "Upload path", FieldKind.Text, "The path below the site (or tenant) where upload slots are served. Default {0}. Used by the upload slots feature.", [TimeTokenOptions.DefaultUploadNamespace])),
    ];

    /// <summary>Copies every field from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static void CopyAll(TimeTokenSettings from, TimeTokenSettings to)
    {
        foreach (var field in All)
        {
            field.Copy(from, to);
        }
    }

    // Text as entered: trimmed; a field left empty is an empty text.
    private static string Text(string? value) => value?.Trim() ?? string.Empty;

    private static Field Describe<T>(
        string name,
        Func<TimeTokenSettings, T> get,
        Action<TimeTokenSettings, T> set,
        Func<SettingsOptions, T> inForce,
        Action<TimeTokenSettings, SettingsOptions> apply,
        FieldDisplay display,
        string? lockedBy = null) =>
        new(name, lockedBy ?? name, (from, to) => set(to, get(from)), (options, to) => set(to, inForce(options)), apply, display);

    /// <summary>One field of the page.</summary>
    /// <param name="Name">The <see cref="TimeTokenSettings"/> property, also the form field's name.</param>
    /// <param name="ConfigurationKey">The key under <c>OrchardCore_TimeToken</c> whose value locks the field.</param>
    /// <param name="Copy">Copies the field from one settings object to another (text trimmed).</param>
    /// <param name="ShowInForce">Writes the value in force (from the options) into settings to show.</param>
    /// <param name="Apply">Fills the option the field sets from the settings.</param>
    /// <param name="Display">How the page shows the field.</param>
    internal sealed record Field(
        string Name,
        string ConfigurationKey,
        Action<TimeTokenSettings, TimeTokenSettings> Copy,
        Action<SettingsOptions, TimeTokenSettings> ShowInForce,
        Action<TimeTokenSettings, SettingsOptions> Apply,
        FieldDisplay Display)
    {
        /// <summary>Whether the page says the field is set by configuration: not for a switch locked by its folder's key.</summary>
        public bool ShowsLockedNote => ConfigurationKey == Name;
    }

    /// <summary>How the page shows a field.</summary>
    /// <param name="Section">The heading the field stands under.</param>
    /// <param name="Label">The label.</param>
    /// <param name="Kind">The input.</param>
    /// <param name="Hint">The hint below the input; <c>{0}</c>… are <paramref name="HintArguments"/>.</param>
    /// <param name="HintArguments">The defaults and limits the hint names, read from the options and the validator.</param>
    internal sealed record FieldDisplay(string Section, string Label, FieldKind Kind, string Hint, object[]? HintArguments = null)
    {
        /// <summary>The smallest number a <see cref="FieldKind.Number"/> input takes.</summary>
        public int? Min { get; init; }

        /// <summary>The largest number a <see cref="FieldKind.Number"/> input takes.</summary>
        public int? Max { get; init; }

        /// <summary>The most characters a <see cref="FieldKind.Text"/> input takes.</summary>
        public int? MaxLength { get; init; }

        /// <summary>The values and labels of a <see cref="FieldKind.Choice"/>.</summary>
        public IReadOnlyList<(string Value, string Label)> Choices { get; init; } = [];
    }

    /// <summary>The input of a field.</summary>
    internal enum FieldKind
    {
        /// <summary>A number box.</summary>
        Number,

        /// <summary>A text box.</summary>
        Text,

        /// <summary>A check box with its label beside it.</summary>
        Check,

        /// <summary>A drop-down list.</summary>
        Choice,
    }

    /// <summary>The options the page's fields fill: the module's and the rich-text ones.</summary>
    /// <param name="TimeToken">The gate's, signer's and upload slots' options.</param>
    /// <param name="RichText">The rich-text options.</param>
    internal sealed record SettingsOptions(TimeTokenOptions TimeToken, RichTextOptions RichText);
}
