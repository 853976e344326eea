using Microsoft.Extensions.Configuration;
using TimeToken.Core.Media;

namespace TimeToken.Core.Settings;

/// <summary>
/// Turns the site settings into <see cref="TimeTokenOptions"/>, with configuration values (in Orchard Core the
/// section <c>OrchardCore_TimeToken</c>) taking precedence, and checks settings entered on the settings page.
/// </summary>
public static class TimeTokenSettingsMapper
{
    /// <summary>The configuration section that overrides the settings page in Orchard Core.</summary>
    public const string OrchardSectionName = "OrchardCore_TimeToken";

    private static readonly string[] PageSettings =
    [
        nameof(TimeTokenSettings.TimeoutSeconds),
        nameof(TimeTokenSettings.MaxLifetimeSeconds),
        nameof(TimeTokenSettings.ParameterName),
        nameof(TimeTokenSettings.PublicNamespace),
        nameof(TimeTokenSettings.FailureStatusCode),
        nameof(TimeTokenSettings.UploadNamespace),
        nameof(TimeTokenSettings.SignRichText),
        nameof(TimeTokenSettings.RichTextShapeTypes),
    ];

    /// <summary>
    /// Fills <paramref name="options"/> from <paramref name="settings"/>, then from <paramref name="overrides"/>.
    /// </summary>
    /// <param name="settings">The site settings.</param>
    /// <param name="overrides">The configuration section that wins over the page, or <see langword="null"/>.</param>
    /// <param name="options">The options to fill.</param>
    /// <returns>
    /// The names of the <see cref="TimeTokenSettings"/> properties that configuration overrides; the page shows
    /// them locked. <c>PublicNamespace</c> also locks <c>UsePublicNamespace</c>.
    /// </returns>
    public static IReadOnlySet<string> Apply(TimeTokenSettings settings, IConfiguration? overrides, TimeTokenOptions options)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(options);

        options.TimeoutSeconds = settings.TimeoutSeconds;
        options.MaxLifetimeSeconds = settings.MaxLifetimeSeconds;
        options.ParameterName = settings.ParameterName;
        options.PublicNamespace = settings.UsePublicNamespace ? settings.PublicNamespace : string.Empty;
        options.FailureStatusCode = settings.FailureStatusCode;
        options.UploadNamespace = settings.UploadNamespace;
        options.SignRichText = settings.SignRichText;
        options.RichTextShapeTypes = settings.RichTextShapeTypes;

        var locked = new HashSet<string>(StringComparer.Ordinal);
        if (overrides is not null)
        {
            overrides.Bind(options);
            foreach (var name in PageSettings)
            {
                if (overrides.GetSection(name).Value is not null)
                {
                    locked.Add(name);
                }
            }

            if (locked.Contains(nameof(TimeTokenSettings.PublicNamespace)))
            {
                locked.Add(nameof(TimeTokenSettings.UsePublicNamespace));
            }
        }

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
