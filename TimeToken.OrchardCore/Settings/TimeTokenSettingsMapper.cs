using Microsoft.Extensions.Configuration;
using TimeToken.Core;
using TimeToken.Core.Media;

namespace TimeToken.OrchardCore.Settings;

/// <summary>
/// Turns the site settings into <see cref="TimeTokenOptions"/>, with the configuration section
/// <c>OrchardCore_TimeToken</c> taking precedence, and checks settings entered on the settings page.
/// </summary>
internal static class TimeTokenSettingsMapper
{
    /// <summary>The configuration section that overrides the settings page.</summary>
    public const string OrchardSectionName = "OrchardCore_TimeToken";

    /// <summary>
    /// Fills <paramref name="options"/> from <paramref name="settings"/>, then from <paramref name="overrides"/>.
    /// </summary>
    /// <param name="settings">The site settings.</param>
    /// <param name="overrides">The configuration section that wins over the page, or <see langword="null"/>.</param>
    /// <param name="options">The options to fill.</param>
    /// <returns>The names of the fields that configuration overrides; the page shows them locked.</returns>
    public static IReadOnlySet<string> Apply(TimeTokenSettings settings, IConfiguration? overrides, TimeTokenOptions options)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(options);

        var locked = new HashSet<string>(StringComparer.Ordinal);
        foreach (var field in TimeTokenSettingFields.All)
        {
            field.Apply(settings, options);
            if (overrides?.GetSection(field.ConfigurationKey).Value is not null)
            {
                locked.Add(field.Name);
            }
        }

        overrides?.Bind(options);
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
        Apply(settings, overrides: null, options);
        var errors = TimeTokenOptionsValidator.Check(options).ToList();
        if (settings.UsePublicNamespace && string.IsNullOrWhiteSpace(settings.PublicNamespace))
        {
            errors.Add(new TimeTokenOptionsError(
                nameof(TimeTokenSettings.PublicNamespace),
                "Enter the public folder, or turn the public folder off."));
        }

        return errors;
    }
}
