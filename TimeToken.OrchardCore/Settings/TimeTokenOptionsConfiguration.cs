using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrchardCore.Environment.Shell.Configuration;
using OrchardCore.Settings;
using TimeToken.Core;
using TimeToken.OrchardCore.RichText;

namespace TimeToken.OrchardCore.Settings;

/// <summary>
/// Fills <see cref="TimeTokenOptions"/> and <see cref="RichTextOptions"/> from the tenant's site settings (<see cref="TimeTokenSettings"/>), then from
/// the configuration section <c>OrchardCore_TimeToken</c>, which wins. Services read only the options.
/// </summary>
/// <remarks>
/// Options are configured synchronously, so the site settings are read sync-over-async, as Orchard's own
/// options configurations do. Settings that fail validation (for example from a recipe) are ignored with a
/// Warning, so a bad import cannot take the media gate down. When no Redis connection string is configured for
/// TimeToken, Orchard's <c>OrchardCore_Redis:Configuration</c> is used.
/// </remarks>
internal sealed class TimeTokenOptionsConfiguration : IConfigureOptions<TimeTokenOptions>, IConfigureOptions<RichTextOptions>
{
    internal const string OrchardRedisConfigurationKey = "OrchardCore_Redis:Configuration";

    private readonly ISiteService _siteService;
    private readonly IShellConfiguration _shellConfiguration;
    private readonly ILogger _logger;

    public TimeTokenOptionsConfiguration(ISiteService siteService, IShellConfiguration shellConfiguration, ILogger<TimeTokenOptionsConfiguration> logger)
    {
        _siteService = siteService;
        _shellConfiguration = shellConfiguration;
        _logger = logger;
    }

    public void Configure(RichTextOptions options) => Configure(new TimeTokenOptions(), options);

    public void Configure(TimeTokenOptions options) => Configure(options, new RichTextOptions());

    private void Configure(TimeTokenOptions options, RichTextOptions richText)
    {
        var site = _siteService.GetSiteSettingsAsync().GetAwaiter().GetResult();
        var settings = site.GetOrCreate<TimeTokenSettings>();
        var errors = TimeTokenSettingsMapper.Validate(settings);
        if (errors.Count > 0)
        {
            Log.SiteSettingsInvalid(_logger, string.Join(", ", errors.Select(e => e.Setting)));
            settings = new TimeTokenSettings();
        }

        TimeTokenSettingsMapper.Apply(settings, _shellConfiguration.GetSection(TimeTokenSettingsMapper.OrchardSectionName), options, richText);

        if (string.IsNullOrWhiteSpace(options.Redis) && _shellConfiguration[OrchardRedisConfigurationKey] is { Length: > 0 } redis)
        {
            options.Redis = redis;
        }
    }
}
