// Mirrors: src/OrchardCore/OrchardCore.Infrastructure.Abstractions/Settings/SiteServiceExtensions.cs @ 3.0.1
namespace OrchardCore.Settings;

public static class SiteServiceExtensions
{
    // Real: (await siteService.GetSiteSettingsAsync()).GetOrCreate<T>().
    public static Task<T> GetSettingsAsync<T>(this ISiteService siteService)
        where T : new()
        => throw new NotSupportedException();
}
