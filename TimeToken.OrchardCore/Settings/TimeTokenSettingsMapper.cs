using Microsoft.Extensions.Configuration;
using TimeToken.Core;
using TimeToken.Core.Media;
using TimeToken.OrchardCore.RichText;

namespace TimeToken.OrchardCore.Settings;

/// <summary>
/// Turns the site settings into <see cref="TimeTokenOptions"/> and <see cref="RichTextOptions"/>, with the configuration section
/// <c>OrchardCore_TimeToken</c> taking precedence, and checks settings entered on the settings page.
/// </summary>
internal static class TimeTokenSettingsMapper
{
    /// <summary>The configuration section that overrides the settings page.</summary>
    public const string OrchardSectionName = "OrchardCore_TimeToken";

    /// <summary>
    /// Fills <paramref name="options"/> and <paramref name="richText"/> from <paramref name="settings"/>, then from
    /// <paramref name="overrides"/>.
    /// </summary>
    /// <param name="settings">The site settings.</param>
    /// <param name="overrides">The configuration section that wins over the page, or <see langword="null"/>.</param>
    /// <param name="options">The options to fill.</param>
    /// <param name="richText">The rich-text options to fill; <see langword="null"/> when not wanted.</param>
    /// <returns>The names of the fields that configuration overrides; the page shows them locked.</returns>
    public static IReadOnlySet<string> Apply(TimeTokenSettings settings, IConfiguration? overrides, TimeTokenOptions options, RichTextOptions? richText = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(options);
        richText ??= new RichTextOptions();

        var target = new TimeTokenSettingFields.SettingsOptions(options, richText);
        var locked = new HashSet<string>(StringComparer.Ordinal);
        foreach (var field in TimeTokenSettingFields.All)
        {
            field.Apply(settings, target);
            if (overrides?.GetSection(field.ConfigurationKey).Value is not null)
            {
                locked.Add(field.Name);
            }
        }

        overrides?.Bind(options);
        overrides?.Bind(richText);
        if (MediaPath.TryNormalizeFolder(options.PublicNamespace, out var folder))
        {
            options.PublicNamespace = folder;
        }

        return locked;
    }

    /// <summary>Checks settings entered on the page, field by field.</summary>
    /// <param name="settings">The entered settings.</param>
    /// <returns>The errors, each named by its <see cref="TimeTokenSettings"/> property; empty when valid.</returns>
    public static IReadOnlyList<TimeTokenOptionsError> Validate(TimeTokenSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var options = new TimeTokenOptions();
        var richText = new RichTextOptions();
        Apply(settings, overrides: null, options, richText);
        var errors = TimeTokenOptionsValidator.Check(options).Concat(RichTextOptionsValidator.Check(richText)).ToList();
        if (settings.UsePublicNamespace && string.IsNullOrWhiteSpace(settings.PublicNamespace))
        {
            errors.Add(new TimeTokenOptionsError(
                nameof(TimeTokenSettings.PublicNamespace),
                "Enter the public folder, or turn the public folder off."));
        }

        return errors;
    }
}
