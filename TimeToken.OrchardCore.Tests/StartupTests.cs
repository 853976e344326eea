using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OrchardCore.Environment.Shell;
using OrchardCore.Environment.Shell.Configuration;
using OrchardCore.Media;
using OrchardCore.Media.Events;
using OrchardCore.Settings;
using TimeToken.Core;
using TimeToken.Core.Media;
using TimeToken.Core.Signing;
using TimeToken.Core.Uploads;
using TimeToken.OrchardCore;
using TimeToken.OrchardCore.Media;
using TimeToken.OrchardCore.Uploads;

using Startup = TimeToken.OrchardCore.Startup;

namespace TimeToken.Tests.OrchardCore;

public sealed class StartupTests
{
    [Fact]
    public void Order_MainStartup_AfterAzureMediaStorageAndGateBeforeMedia()
    {
        // Arrange
        var startup = new Startup();

        // Act / Assert: the decorator must wrap the Azure/S3 replacement (Order 10); the gate runs after
        // authentication (-150) and before the Media pipeline (0).
        Assert.True(startup.Order > 10);
        Assert.InRange(startup.ConfigureOrder, -149, -1);
    }

    [Fact]
    public void Order_UploadSlotsStartup_AfterMainStartup()
    {
        // Arrange
        var uploads = new UploadSlotsStartup();

        // Act / Assert
        Assert.True(uploads.Order > new Startup().Order);
        Assert.InRange(uploads.ConfigureOrder, -149, -1);
    }

    [Fact]
    public void DecorateMediaFileStore_StoreReplacedByRemoteStorage_WrapsLastRegistration()
    {
        // Arrange: Media registers its store, then Azure or S3 replace it by adding theirs last.
        var services = new ServiceCollection();
        var local = new FakeMediaFileStore(Path.GetTempPath(), "/local");
        var remote = new FakeMediaFileStore(Path.GetTempPath(), "/remote");
        services.AddSingleton<IMediaFileStore>(_ => local);
        services.AddSingleton<IMediaFileStore>(_ => remote);

        // Act
        Startup.DecorateMediaFileStore(services);
        Startup.DecorateMediaFileStore(services);
        using var provider = services.BuildServiceProvider();

        // Assert
        Assert.Same(remote, provider.GetRequiredService<InnerMediaFileStore>().Store);
        Assert.Single(services, d => d.ServiceType == typeof(InnerMediaFileStore));
        Assert.Equal(ServiceLifetime.Singleton, services.Last(d => d.ServiceType == typeof(IMediaFileStore)).Lifetime);
    }

    [Fact]
    public void DecorateMediaFileStore_NoMediaStore_Throws()
    {
        // Arrange
        var services = new ServiceCollection();

        // Act / Assert
        Assert.Throws<InvalidOperationException>(() => Startup.DecorateMediaFileStore(services));
    }

    [Fact]
    public void AddSignedMedia_StaticKeyRingRegisteredBefore_StoredKeyRingWins()
    {
        // Arrange: the upload slots' registration adds a random in-memory ring when none is registered.
        var services = new ServiceCollection();
        services.AddSingleton<IMediaFileStore>(_ => new FakeMediaFileStore(Path.GetTempPath()));
        services.AddSingleton<IKeyRingProvider>(new StaticKeyRingProvider(KeyRing.Create(TimeProvider.System)));

        // Act
        Startup.AddSignedMedia(services);

        // Assert
        var descriptor = Assert.Single(services, d => d.ServiceType == typeof(IKeyRingProvider));
        Assert.NotNull(descriptor.ImplementationFactory);
    }

    [Fact]
    public void AddSignedMedia_EventHandlers_RegisteredAsOneSingleton()
    {
        // Arrange
        var services = new ServiceCollection();
        services.AddSingleton<IMediaFileStore>(_ => new FakeMediaFileStore(Path.GetTempPath()));

        // Act
        Startup.AddSignedMedia(services);

        // Assert: Orchard resolves media event handlers from the tenant's root provider.
        Assert.All(
            services.Where(d => d.ServiceType == typeof(IMediaEventHandler) || d.ServiceType == typeof(IMediaCreatingEventHandler)),
            d => Assert.Equal(ServiceLifetime.Singleton, d.Lifetime));
        Assert.Single(services, d => d.ServiceType == typeof(IMediaEventHandler));
        Assert.Single(services, d => d.ServiceType == typeof(IMediaCreatingEventHandler));
    }

    [Fact]
    public void AddSignedMedia_TenantEvents_MakeTheKeyRingOnActivation()
    {
        // Arrange
        var services = new ServiceCollection();
        services.AddSingleton<IMediaFileStore>(_ => new FakeMediaFileStore(Path.GetTempPath()));

        // Act
        Startup.AddSignedMedia(services);

        // Assert: scoped, like Orchard's own key maker for media tokens (MediaTokenSettingsUpdater).
        var descriptor = Assert.Single(services, d => d.ServiceType == typeof(global::OrchardCore.Modules.IModularTenantEvents) && d.ImplementationType?.Name == "KeyRingInitializer");
        Assert.Equal(ServiceLifetime.Scoped, descriptor.Lifetime);
        Assert.Equal("KeyRingInitializer", descriptor.ImplementationType?.Name);
    }

    [Fact]
    public void AddServices_ScopeValidationAsInTenantContainer_SingletonsNeedNoScopedService()
    {
        // Arrange: the services the module takes from Orchard, with Orchard's 3.0.1 lifetimes (ISiteService,
        // IShellConfiguration, ShellSettings, Data Protection and the media store are tenant singletons). Orchard builds
        // tenant containers with BuildServiceProvider(validateScopes: true).
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<ISiteService>(new FakeSiteService());
        services.AddSingleton<IShellConfiguration>(new FakeShellConfiguration());
        services.AddSingleton(new ShellSettings());
        services.AddSingleton<IWebHostEnvironment>(new WebHostEnvironment());
        services.AddSingleton<IDataProtectionProvider>(new EphemeralDataProtectionProvider());
        services.AddSingleton<IMediaFileStore>(sp => new FakeMediaFileStore(
            Path.GetTempPath(),
            "/media",
            sp.GetServices<IMediaEventHandler>(),
            sp.GetServices<IMediaCreatingEventHandler>()));
        Startup.AddSignedMedia(services);
        UploadSlotsStartup.AddUploadSlots(services);

        // Act
        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        using var scope = provider.CreateScope();

        // Assert: what the middlewares and Orchard's media store take from the root provider, and the scoped services.
        Assert.IsType<SigningMediaFileStore>(provider.GetRequiredService<IMediaFileStore>());
        Assert.IsType<StoredKeyRingProvider>(provider.GetRequiredService<IKeyRingProvider>());
        Assert.IsType<CacheScopeCappingMediaUrlSigner>(provider.GetRequiredService<IMediaUrlSigner>());
        Assert.IsType<UploadSlotService>(provider.GetRequiredService<IUploadSlotService>());
        Assert.Equal("timetoken/upload", provider.GetRequiredService<IOptionsMonitor<TimeTokenOptions>>().CurrentValue.UploadNamespace);
        Assert.True(provider.GetRequiredService<UploadSlotHandlerRegistry>().TryGetHandlerType(MediaLibraryUploadSlotHandler.Name, out var handlerType));
        Assert.IsType(handlerType, scope.ServiceProvider.GetRequiredService(handlerType));
        _ = scope.ServiceProvider.GetRequiredService<MediaLibraryUploadSlots>();
    }

    [Fact]
    public void ResolveOptions_InvalidOverride_ErrorNamesOrchardSection()
    {
        // Arrange
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<ISiteService>(new FakeSiteService());
        services.AddSingleton<IShellConfiguration>(new FakeShellConfiguration(new Dictionary<string, string?> { ["OrchardCore_TimeToken:TimeoutSeconds"] = "1" }));
        services.AddSingleton<IMediaFileStore>(_ => new FakeMediaFileStore(Path.GetTempPath()));
        Startup.AddSignedMedia(services);
        using var provider = services.BuildServiceProvider();

        // Act
        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<TimeTokenOptions>>().Value);

        // Assert: the key to change, as the operator writes it in the tenant configuration.
        Assert.StartsWith("OrchardCore_TimeToken:TimeoutSeconds: ", Assert.Single(error.Failures), StringComparison.Ordinal);
    }

    // The host's environment, which Orchard copies into every tenant container.
    private sealed class WebHostEnvironment : IWebHostEnvironment
    {
        public string WebRootPath { get; set; } = Path.GetTempPath();

        public IFileProvider WebRootFileProvider { get; set; } = new NullFileProvider();

        public string ApplicationName { get; set; } = "Site";

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();

        public string ContentRootPath { get; set; } = Path.GetTempPath();

        public string EnvironmentName { get; set; } = "Production";
    }
}
