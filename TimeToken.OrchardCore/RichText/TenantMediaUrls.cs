using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using OrchardCore.Environment.Shell;
using OrchardCore.Media;
using OrchardCore.Settings;

namespace TimeToken.OrchardCore.RichText;

/// <summary>
/// The media URL prefixes of the current tenant (<see cref="MediaUrlBases"/>), built once per scope from Orchard's
/// media options (media path, CDN base URL), the tenant's URL prefix and hosts, the site's base URL and the host of
/// the current request.
/// </summary>
internal sealed class TenantMediaUrls
{
    private readonly IOptions<MediaOptions> _mediaOptions;
    private readonly ShellSettings _shellSettings;
    private readonly ISiteService _siteService;
    private readonly IHttpContextAccessor _httpContextAccessor;
    private MediaUrlBases? _bases;

    public TenantMediaUrls(IOptions<MediaOptions> mediaOptions, ShellSettings shellSettings, ISiteService siteService, IHttpContextAccessor httpContextAccessor)
    {
        _mediaOptions = mediaOptions;
        _shellSettings = shellSettings;
        _siteService = siteService;
        _httpContextAccessor = httpContextAccessor;
    }

    /// <summary>The tenant's media URL prefixes.</summary>
    public async ValueTask<MediaUrlBases> GetBasesAsync()
    {
        if (_bases is not null)
        {
            return _bases;
        }

        var hosts = new List<string>();
        hosts.AddRange((_shellSettings.RequestUrlHosts ?? []).Where(h => !string.IsNullOrWhiteSpace(h)));
        if (_httpContextAccessor.HttpContext?.Request.Host is { HasValue: true } requestHost)
        {
            hosts.Add(requestHost.Value!);
        }

        var site = await _siteService.GetSiteSettingsAsync().ConfigureAwait(false);
        if (Uri.TryCreate(site.BaseUrl, UriKind.Absolute, out var baseUrl))
        {
            hosts.Add(baseUrl.Authority);
        }

        var options = _mediaOptions.Value;
        _bases = MediaUrlBases.Create(
            options.AssetsRequestPath.HasValue ? options.AssetsRequestPath.Value! : "/media",
            _shellSettings.RequestUrlPrefix,
            options.CdnBaseUrl,
            hosts);
        return _bases;
    }
}
