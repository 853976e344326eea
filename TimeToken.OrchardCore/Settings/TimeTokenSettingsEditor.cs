using TimeToken.Core;
using TimeToken.Core.Settings;
using TimeToken.Core.Signing;
using TimeToken.OrchardCore.ViewModels;

namespace TimeToken.OrchardCore.Settings;

/// <summary>
/// The logic of the settings page, apart from Orchard's display plumbing: settings to form, form to settings (only
/// when valid, never for fields set by configuration) and the rotate-key decision.
/// </summary>
internal static class TimeTokenSettingsEditor
{
    internal const string RotateKeyNotConfirmed = "Tick the confirmation to rotate the signing key.";

    /// <summary>
    /// Fills the form from the stored settings and the active key (its id and creation time only). A field set by
    /// configuration shows the value in force, from <paramref name="effective"/>, not the stored one it overrides.
    /// </summary>
    public static void Fill(TimeTokenSettingsViewModel model, TimeTokenSettings settings, IReadOnlySet<string> locked, TimeTokenOptions effective, KeyRing? keyRing)
    {
        bool Locked(string name) => locked.Contains(name);
        model.TimeoutSeconds = Locked(nameof(settings.TimeoutSeconds)) ? effective.TimeoutSeconds : settings.TimeoutSeconds;
        model.MaxLifetimeSeconds = Locked(nameof(settings.MaxLifetimeSeconds)) ? effective.MaxLifetimeSeconds : settings.MaxLifetimeSeconds;
        model.ParameterName = Locked(nameof(settings.ParameterName)) ? effective.ParameterName : settings.ParameterName;
        model.UsePublicNamespace = Locked(nameof(settings.UsePublicNamespace)) ? effective.PublicNamespace.Length > 0 : settings.UsePublicNamespace;
        model.PublicNamespace = Locked(nameof(settings.PublicNamespace)) ? effective.PublicNamespace : settings.PublicNamespace;
        model.FailureStatusCode = Locked(nameof(settings.FailureStatusCode)) ? effective.FailureStatusCode : settings.FailureStatusCode;
        model.UploadNamespace = Locked(nameof(settings.UploadNamespace)) ? effective.UploadNamespace : settings.UploadNamespace;
        model.SignRichText = Locked(nameof(settings.SignRichText)) ? effective.SignRichText : settings.SignRichText;
        model.RichTextShapeTypes = Locked(nameof(settings.RichTextShapeTypes)) ? effective.RichTextShapeTypes : settings.RichTextShapeTypes;
        model.RotateKey = false;
        model.ConfirmRotateKey = false;
        model.LockedFields = locked;
        model.ActiveKeyId = keyRing?.Active.Id;
        model.ActiveKeyCreatedUtc = keyRing?.Active.CreatedAt;
    }

    /// <summary>
    /// Checks the posted form and, only when every field is valid, copies it into <paramref name="settings"/>.
    /// Fields in <paramref name="locked"/> keep their stored value (configuration wins over them anyway).
    /// </summary>
    /// <param name="posted">The posted form.</param>
    /// <param name="settings">The stored settings; unchanged when anything is invalid.</param>
    /// <param name="locked">The fields set by configuration.</param>
    /// <param name="addError">Receives each error: the field's name and an English message (a localizer key).</param>
    /// <returns>Whether the settings were applied, and whether the signing key is to be rotated.</returns>
    public static EditorResult Apply(TimeTokenSettingsViewModel posted, TimeTokenSettings settings, IReadOnlySet<string> locked, Action<string, string> addError)
    {
        ArgumentNullException.ThrowIfNull(posted);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(addError);

        var candidate = new TimeTokenSettings
        {
            TimeoutSeconds = Pick(nameof(TimeTokenSettings.TimeoutSeconds), posted.TimeoutSeconds, settings.TimeoutSeconds),
            MaxLifetimeSeconds = Pick(nameof(TimeTokenSettings.MaxLifetimeSeconds), posted.MaxLifetimeSeconds, settings.MaxLifetimeSeconds),
            ParameterName = Pick(nameof(TimeTokenSettings.ParameterName), posted.ParameterName?.Trim() ?? string.Empty, settings.ParameterName),
            UsePublicNamespace = Pick(nameof(TimeTokenSettings.UsePublicNamespace), posted.UsePublicNamespace, settings.UsePublicNamespace),
            PublicNamespace = Pick(nameof(TimeTokenSettings.PublicNamespace), posted.PublicNamespace?.Trim() ?? string.Empty, settings.PublicNamespace),
            FailureStatusCode = Pick(nameof(TimeTokenSettings.FailureStatusCode), posted.FailureStatusCode, settings.FailureStatusCode),
            UploadNamespace = Pick(nameof(TimeTokenSettings.UploadNamespace), posted.UploadNamespace?.Trim() ?? string.Empty, settings.UploadNamespace),
            SignRichText = Pick(nameof(TimeTokenSettings.SignRichText), posted.SignRichText, settings.SignRichText),
            RichTextShapeTypes = Pick(nameof(TimeTokenSettings.RichTextShapeTypes), posted.RichTextShapeTypes?.Trim() ?? string.Empty, settings.RichTextShapeTypes),
        };

        var valid = true;
        foreach (var error in TimeTokenSettingsMapper.Validate(candidate))
        {
            // A locked field cannot be corrected here; configuration overrides it anyway.
            if (!locked.Contains(error.Setting))
            {
                addError(error.Setting, error.Message);
                valid = false;
            }
        }

        if (posted.RotateKey && !posted.ConfirmRotateKey)
        {
            addError(nameof(TimeTokenSettingsViewModel.ConfirmRotateKey), RotateKeyNotConfirmed);
            valid = false;
        }

        if (!valid)
        {
            return new EditorResult(Applied: false, RotateKey: false);
        }

        settings.TimeoutSeconds = candidate.TimeoutSeconds;
        settings.MaxLifetimeSeconds = candidate.MaxLifetimeSeconds;
        settings.ParameterName = candidate.ParameterName;
        settings.UsePublicNamespace = candidate.UsePublicNamespace;
        settings.PublicNamespace = candidate.PublicNamespace;
        settings.FailureStatusCode = candidate.FailureStatusCode;
        settings.UploadNamespace = candidate.UploadNamespace;
        settings.SignRichText = candidate.SignRichText;
        settings.RichTextShapeTypes = candidate.RichTextShapeTypes;
        return new EditorResult(Applied: true, RotateKey: posted.RotateKey && posted.ConfirmRotateKey);

        T Pick<T>(string name, T postedValue, T storedValue) => locked.Contains(name) ? storedValue : postedValue;
    }

    /// <summary>What a save did.</summary>
    /// <param name="Applied">Whether the settings were valid and copied.</param>
    /// <param name="RotateKey">Whether the signing key is to be rotated.</param>
    internal readonly record struct EditorResult(bool Applied, bool RotateKey);
}
