// Mirrors: src/OrchardCore/OrchardCore.Infrastructure.Abstractions/Settings/ISiteService.cs @ 3.0.1
namespace OrchardCore.Settings;

// Every member is declared, so tests can implement a fake.
public interface ISiteService
{
    Task<ISite> LoadSiteSettingsAsync();

    Task<ISite> GetSiteSettingsAsync();

    Task UpdateSiteSettingsAsync(ISite site);
}
