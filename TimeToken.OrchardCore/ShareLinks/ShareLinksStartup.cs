using Microsoft.Extensions.DependencyInjection;
using OrchardCore.Data;
using OrchardCore.Data.Migration;
using OrchardCore.Modules;
using OrchardCore.Navigation;
using OrchardCore.Security.Permissions;
using TimeToken.Core.Media;

namespace TimeToken.OrchardCore.ShareLinks;

/// <summary>
/// Registers the services of the <see cref="FeatureIds.ShareLinks"/> feature: the grants in the tenant's database
/// (document, index, migration), the gate's grant store, the share service, its permission and its admin pages.
/// </summary>
[Feature(FeatureIds.ShareLinks)]
public sealed class ShareLinksStartup : StartupBase
{
    /// <summary>After the main feature, whose registrations of the gate's services this one completes.</summary>
    public override int Order => Startup.ServicesOrder + 10;

    /// <inheritdoc />
    public override void ConfigureServices(IServiceCollection services)
    {
        services.AddIndexProvider<MediaShareGrantIndexProvider>();
        services.AddDataMigration<ShareLinksMigrations>();

        // The gate's cache asks this store; it replaces the core's store that finds no grant.
        services.AddSingleton<IMediaGrantStore, YesSqlMediaGrantStore>();
        services.AddScoped(sp => new MediaShareService(
            sp.GetRequiredService<Microsoft.AspNetCore.Authorization.IAuthorizationService>(),
            sp.GetRequiredService<YesSql.ISession>(),
            sp.GetRequiredService<IMediaGrantLinkSigner>(),
            sp.GetRequiredService<IMediaGrantCache>(),
            sp.GetRequiredService<Media.InnerMediaFileStore>(),
            sp.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<Core.TimeTokenOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<MediaShareService>>()));
        services.AddPermissionProvider<ShareLinksPermissionProvider>();
        services.AddNavigationProvider<ShareLinksAdminMenu>();
    }
}
