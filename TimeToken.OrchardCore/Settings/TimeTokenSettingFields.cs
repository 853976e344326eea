using TimeToken.Core;
using TimeToken.OrchardCore.RichText;

namespace TimeToken.OrchardCore.Settings;

/// <summary>
/// Every field of the settings page, described once: how it is copied between settings (stored, posted, shown),
/// which option it fills, the value in force it shows when configuration sets it, and which configuration key
/// locks it. The mapper, the editor and the view's locks all read this table.
/// </summary>
internal static class TimeTokenSettingFields
{
    /// <summary>The fields, in the order of the page.</summary>
    public static readonly IReadOnlyList<Field> All =
    [
        Describe(nameof(TimeTokenSettings.TimeoutSeconds), s => s.TimeoutSeconds, (s, v) => s.TimeoutSeconds = v, o => o.TimeToken.TimeoutSeconds, (s, o) => o.TimeToken.TimeoutSeconds = s.TimeoutSeconds),
        Describe(nameof(TimeTokenSettings.MaxLifetimeSeconds), s => s.MaxLifetimeSeconds, (s, v) => s.MaxLifetimeSeconds = v, o => o.TimeToken.MaxLifetimeSeconds, (s, o) => o.TimeToken.MaxLifetimeSeconds = s.MaxLifetimeSeconds),
        Describe(nameof(TimeTokenSettings.ParameterName), s => s.ParameterName, (s, v) => s.ParameterName = Text(v), o => o.TimeToken.ParameterName, (s, o) => o.TimeToken.ParameterName = s.ParameterName),
        Describe(nameof(TimeTokenSettings.FailureStatusCode), s => s.FailureStatusCode, (s, v) => s.FailureStatusCode = v, o => o.TimeToken.FailureStatusCode, (s, o) => o.TimeToken.FailureStatusCode = s.FailureStatusCode),

        // One option, two fields: the switch and the folder; configuring the folder locks both.
        Describe(
            nameof(TimeTokenSettings.UsePublicNamespace),
            s => s.UsePublicNamespace,
            (s, v) => s.UsePublicNamespace = v,
            o => o.TimeToken.PublicNamespace.Length > 0,
            (_, _) => { },
            lockedBy: nameof(TimeTokenOptions.PublicNamespace)),
        Describe(nameof(TimeTokenSettings.PublicNamespace), s => s.PublicNamespace, (s, v) => s.PublicNamespace = Text(v), o => o.TimeToken.PublicNamespace, (s, o) => o.TimeToken.PublicNamespace = s.UsePublicNamespace ? s.PublicNamespace : string.Empty),

        Describe(nameof(TimeTokenSettings.UploadNamespace), s => s.UploadNamespace, (s, v) => s.UploadNamespace = Text(v), o => o.TimeToken.UploadNamespace, (s, o) => o.TimeToken.UploadNamespace = s.UploadNamespace),
        Describe(nameof(TimeTokenSettings.SignRichText), s => s.SignRichText, (s, v) => s.SignRichText = v, o => o.RichText.SignRichText, (s, o) => o.RichText.SignRichText = s.SignRichText),
        Describe(nameof(TimeTokenSettings.RichTextShapeTypes), s => s.RichTextShapeTypes, (s, v) => s.RichTextShapeTypes = Text(v), o => o.RichText.RichTextShapeTypes, (s, o) => o.RichText.RichTextShapeTypes = s.RichTextShapeTypes),
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
        string? lockedBy = null) =>
        new(name, lockedBy ?? name, (from, to) => set(to, get(from)), (options, to) => set(to, inForce(options)), apply);

    /// <summary>One field of the page.</summary>
    /// <param name="Name">The <see cref="TimeTokenSettings"/> property, also the form field's name.</param>
    /// <param name="ConfigurationKey">The key under <c>OrchardCore_TimeToken</c> whose value locks the field.</param>
    /// <param name="Copy">Copies the field from one settings object to another (text trimmed).</param>
    /// <param name="ShowInForce">Writes the value in force (from the options) into settings to show.</param>
    /// <param name="Apply">Fills the option the field sets from the settings.</param>
    internal sealed record Field(
        string Name,
        string ConfigurationKey,
        Action<TimeTokenSettings, TimeTokenSettings> Copy,
        Action<SettingsOptions, TimeTokenSettings> ShowInForce,
        Action<TimeTokenSettings, SettingsOptions> Apply);

    /// <summary>The options the page's fields fill: the module's and the rich-text ones.</summary>
    /// <param name="TimeToken">The gate's, signer's and upload slots' options.</param>
    /// <param name="RichText">The rich-text options.</param>
    internal sealed record SettingsOptions(TimeTokenOptions TimeToken, RichTextOptions RichText);
}
