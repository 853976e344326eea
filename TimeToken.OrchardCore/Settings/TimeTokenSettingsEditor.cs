using TimeToken.Core;
using TimeToken.Core.Signing;
using TimeToken.OrchardCore.RichText;
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
    /// configuration shows the value in force, from <paramref name="effective"/> and <paramref name="effectiveRichText"/>, not the stored one it overrides.
    /// </summary>
    public static void Fill(TimeTokenSettingsViewModel model, TimeTokenSettings settings, IReadOnlySet<string> locked, TimeTokenOptions effective, RichTextOptions effectiveRichText, SigningKeyInfo? activeKey)
    {
        var inForce = new TimeTokenSettingFields.SettingsOptions(effective, effectiveRichText);
        foreach (var field in TimeTokenSettingFields.All)
        {
            if (locked.Contains(field.Name))
            {
                field.ShowInForce(inForce, model);
            }
            else
            {
                field.Copy(settings, model);
            }
        }

        model.RotateKey = false;
        model.ConfirmRotateKey = false;
        model.LockedFields = locked;
        model.ActiveKeyId = activeKey?.Id;
        model.ActiveKeyCreatedUtc = activeKey?.CreatedAt;
    }

    /// <summary>
    /// Checks the posted form and, only when every field is valid and <paramref name="commit"/> is set, copies it into
    /// <paramref name="settings"/>. Fields in <paramref name="locked"/> keep their stored value (configuration wins
    /// over them anyway).
    /// </summary>
    /// <param name="posted">The posted form.</param>
    /// <param name="settings">The stored settings; unchanged when anything is invalid.</param>
    /// <param name="locked">The fields set by configuration.</param>
    /// <param name="commit">Whether to copy valid settings (not when the form could not even be bound).</param>
    /// <param name="addError">Receives each error: the field's name and an English message (a localizer key).</param>
    /// <returns>Whether the settings were applied, and whether the signing key is to be rotated.</returns>
    public static EditorResult Apply(TimeTokenSettingsViewModel posted, TimeTokenSettings settings, IReadOnlySet<string> locked, bool commit, Action<string, string> addError)
    {
        ArgumentNullException.ThrowIfNull(posted);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(addError);

        var candidate = new TimeTokenSettings();
        foreach (var field in TimeTokenSettingFields.All)
        {
            field.Copy(locked.Contains(field.Name) ? settings : posted, candidate);
        }

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

        if (!valid || !commit)
        {
            return new EditorResult(Applied: false, RotateKey: false);
        }

        TimeTokenSettingFields.CopyAll(candidate, settings);
        return new EditorResult(Applied: true, RotateKey: posted.RotateKey && posted.ConfirmRotateKey);
    }

    /// <summary>What a save did.</summary>
    /// <param name="Applied">Whether the settings were valid and copied.</param>
    /// <param name="RotateKey">Whether the signing key is to be rotated.</param>
    internal readonly record struct EditorResult(bool Applied, bool RotateKey);
}
