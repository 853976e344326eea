using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OrchardCore;
using OrchardCore.ContentManagement.Handlers;
using OrchardCore.DisplayManagement.Implementation;
using OrchardCore.Environment.Cache;
using OrchardCore.Environment.Shell.Scope;
using OrchardCore.DisplayManagement.Handlers;
using OrchardCore.Liquid;
using OrchardCore.Media;
using OrchardCore.Media.Core;
using OrchardCore.Media.Events;
using OrchardCore.Modules;
using OrchardCore.Navigation;
using OrchardCore.Security.Permissions;
using TimeToken.Core;
using TimeToken.Core.Liquid;
using TimeToken.Core.Media;
using TimeToken.OrchardCore.Settings;
using TimeToken.Core.Signing;
using TimeToken.OrchardCore.Drivers;
using TimeToken.OrchardCore.Liquid;
using TimeToken.OrchardCore.Media;
using TimeToken.OrchardCore.RichText;

namespace TimeToken.OrchardCore;

/// <summary>
/// Registers the services of the <see cref="FeatureIds.TimeToken"/> feature (the module's main feature): the media
/// store decorator, the gate, the settings page, the key ring and the Liquid filter.
/// </summary>
public sealed class Startup : StartupBase
{
    /// <summary>
    /// After every startup that registers or replaces <see cref="IMediaFileStore"/>: Media (0), Amazon S3 (0) and
    /// Azure Blob Storage (<see cref="OrchardCoreConstants.ConfigureOrder.AzureMediaStorage"/>, 10).
    /// </summary>
    public const int ServicesOrder = OrchardCoreConstants.ConfigureOrder.AzureMediaStorage + 10;

    /// <summary>
    /// The gate runs after authentication (-150) and before the Media module's pipeline (0), which serves the files.
    /// </summary>
    public const int PipelineOrder = -50;

    /// <inheritdoc />
    public override int Order => ServicesOrder;

    /// <inheritdoc />
    public override int ConfigureOrder => PipelineOrder;

    /// <inheritdoc />
    public override void ConfigureServices(IServiceCollection services)
    {
        AddSignedMedia(services);

        services.AddLiquidFilter<SignedMediaUrlLiquidFilter>(SignedMediaUrlFilter.Name);

        // Rich text: no token is stored in content, and links are signed when displayed.
        services.AddScoped<TenantMediaUrls>();
        services.AddSingleton<RichTextLinksCache>();
        services.AddScoped<IContentHandler, MediaTokenCleaningHandler>();
        services.AddScoped<IShapeDisplayEvents, RichTextSigningShapeDisplayEvents>();
        services.AddSiteDisplayDriver<TimeTokenSettingsDisplayDriver>();
        services.AddPermissionProvider<PermissionProvider>();
        services.AddNavigationProvider<AdminMenu>();
    }

    /// <inheritdoc />
    public override void Configure(IApplicationBuilder app, IEndpointRouteBuilder routes, IServiceProvider serviceProvider)
    {
        var mediaOptions = serviceProvider.GetRequiredService<IOptions<MediaOptions>>().Value;
        app.UseTimeTokenMediaGate(mediaOptions.AssetsRequestPath);
    }

    /// <summary>
    /// The registrations that need no Orchard extension method: options, key ring, store decorator, file versions and
    /// media event handlers.
    /// </summary>
    /// <param name="services">The tenant's services.</param>
    internal static void AddSignedMedia(IServiceCollection services)
    {
        // Orchard Core registers no TimeProvider.
        services.TryAddSingleton(TimeProvider.System);
        services.AddTransient<IConfigureOptions<TimeTokenOptions>, TimeTokenOptionsConfiguration>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TimeTokenOptions>, TimeTokenOptionsValidator>(
            _ => new TimeTokenOptionsValidator(TimeTokenSettingsMapper.OrchardSectionName)));
        services.AddTransient<IConfigureOptions<RichTextOptions>, TimeTokenOptionsConfiguration>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RichTextOptions>, RichTextOptionsValidator>());

        // The key ring lives, encrypted with the tenant's Data Protection, in the tenant's site settings.
        services.AddTimeTokenStoredKeyRing<SiteKeyRingStore>();
        services.AddScoped<IModularTenantEvents, KeyRingInitializer>();

        // The Azure Blob and Amazon S3 media startups, which run before this one, register a local cache of the remote
        // files; Orchard's default store needs none, since its files are on the local disk.
        var isLocalFileSystem = !services.Any(d => d.ServiceType == typeof(IMediaFileStoreCacheFileProvider));
        DecorateMediaFileStore(services);
        MediaCachesOutsideWebRoot.Add(services);
        services.TryAddSingleton<IMediaFileInfoSource>(sp => new MediaFileStoreInfoSource(sp.GetRequiredService<InnerMediaFileStore>(), isLocalFileSystem));
        services.AddTimeTokenMedia();
        DecorateMediaUrlSigner(services);

        // Orchard resolves media event handlers once, from the tenant's root provider: singletons.
        services.TryAddSingleton<MediaVersionInvalidationHandler>();
        services.AddSingleton<IMediaEventHandler>(sp => sp.GetRequiredService<MediaVersionInvalidationHandler>());
        services.AddSingleton<IMediaCreatingEventHandler>(sp => sp.GetRequiredService<MediaVersionInvalidationHandler>());
    }

    /// <summary>
    /// Replaces the last <see cref="IMediaFileStore"/> registration (the one that wins) by
    /// <see cref="SigningMediaFileStore"/> around it, and keeps the undecorated store as <see cref="InnerMediaFileStore"/>.
    /// </summary>
    /// <param name="services">The tenant's services.</param>
    /// <exception cref="InvalidOperationException">No media store is registered (the Media feature is off).</exception>
    internal static void DecorateMediaFileStore(IServiceCollection services)
    {
        var descriptor = services.LastOrDefault(d => d.ServiceType == typeof(IMediaFileStore) && !d.IsKeyedService)
            ?? throw new InvalidOperationException("No IMediaFileStore is registered: enable the OrchardCore.Media feature.");
        if (services.Any(d => d.ServiceType == typeof(InnerMediaFileStore)))
        {
            return;
        }

        services.Remove(descriptor);
        services.Add(ServiceDescriptor.Describe(
            typeof(InnerMediaFileStore),
            sp => new InnerMediaFileStore(Create(sp, descriptor)),
            descriptor.Lifetime));
        services.Add(ServiceDescriptor.Describe(
            typeof(IMediaFileStore),
            CreateDecorator,
            descriptor.Lifetime));
    }

    /// <summary>
    /// Wraps the <see cref="IMediaUrlSigner"/> that wins in <see cref="CacheScopeCappingMediaUrlSigner"/>, so every
    /// link signed inside one of Orchard's cache scopes caps that scope's expiry.
    /// </summary>
    /// <param name="services">The tenant's services.</param>
    internal static void DecorateMediaUrlSigner(IServiceCollection services)
    {
        var descriptor = services.LastOrDefault(d => d.ServiceType == typeof(IMediaUrlSigner) && !d.IsKeyedService);
        if (descriptor is null || descriptor.ImplementationType == typeof(CacheScopeCappingMediaUrlSigner)
            || services.Any(d => d.ServiceType == typeof(CacheScopeCappingMediaUrlSigner)))
        {
            return;
        }

        services.Remove(descriptor);
        services.AddSingleton(sp => new CacheScopeCappingMediaUrlSigner(
            (IMediaUrlSigner)(descriptor.ImplementationInstance
                ?? descriptor.ImplementationFactory?.Invoke(sp)
                ?? ActivatorUtilities.CreateInstance(sp, descriptor.ImplementationType!)),
            sp.GetRequiredService<TimeProvider>(),
            static () => ShellScope.Services?.GetService<ICacheScopeManager>()));
        services.AddSingleton<IMediaUrlSigner>(sp => sp.GetRequiredService<CacheScopeCappingMediaUrlSigner>());
    }

    private static IMediaFileStore Create(IServiceProvider services, ServiceDescriptor descriptor)
    {
        var instance = descriptor.ImplementationInstance
            ?? descriptor.ImplementationFactory?.Invoke(services)
            ?? ActivatorUtilities.CreateInstance(services, descriptor.ImplementationType!);
        return (IMediaFileStore)instance;
    }

    private static SigningMediaFileStore CreateDecorator(IServiceProvider services) => new(
        services.GetRequiredService<InnerMediaFileStore>().Store,
        services.GetRequiredService<IMediaUrlSigner>());
}
