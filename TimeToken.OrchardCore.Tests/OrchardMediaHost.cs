using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using OrchardCore.Environment.Shell.Configuration;
using OrchardCore.Environment.Shell;
using OrchardCore.Media;
using OrchardCore.Media.Events;
using OrchardCore.Settings;
using TimeToken.OrchardCore;
using TimeToken.Tests.TestSupport;

using Startup = TimeToken.OrchardCore.Startup;

namespace TimeToken.Tests.OrchardCore;

/// <summary>
/// The module's signed-media services as a tenant would have them (the media store registered by a factory that takes
/// the media event handlers, as Orchard's Media startup does), with the module's pipeline in front of static files on
/// TestServer.
/// </summary>
internal sealed class OrchardMediaHost : IAsyncDisposable
{
    private OrchardMediaHost(string root, WebApplication app, FakeTimeProvider time, FakeSiteService siteService, FakeLogCollector logs)
    {
        Root = root;
        App = app;
        Time = time;
        SiteService = siteService;
        Logs = logs;
        Client = app.GetTestClient();
    }

    public string Root { get; }

    public WebApplication App { get; }

    public IServiceProvider Services => App.Services;

    public FakeTimeProvider Time { get; }

    public FakeSiteService SiteService { get; }

    public FakeLogCollector Logs { get; }

    public HttpClient Client { get; }

    public FakeMediaFileStore InnerStore => (FakeMediaFileStore)Services.GetRequiredService<TimeToken.OrchardCore.Media.InnerMediaFileStore>().Store;

    public IMediaFileStore Store => Services.GetRequiredService<IMediaFileStore>();

    public static async Task<OrchardMediaHost> StartAsync(
        IDictionary<string, string?>? configuration = null,
        Action<IServiceCollection>? configureServices = null,
        Action<WebApplication>? configurePipeline = null)
    {
        // The media folder and App_Data side by side, as in a site (App_Data/Sites/{tenant}/Media and the tenant's own files).
        var site = Directory.CreateTempSubdirectory("timetoken-orchard-").FullName;
        var root = Directory.CreateDirectory(Path.Combine(site, "Media")).FullName;
        var time = new FakeTimeProvider(TestMedia.Start);
        var siteService = new FakeSiteService();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        var logs = new FakeLogCollector();
        builder.Logging.ClearProviders().SetMinimumLevel(LogLevel.Debug).AddProvider(new FakeLoggerProvider(logs));

        var services = builder.Services;
        services.AddSingleton<TimeProvider>(time);
        services.AddSingleton<ISiteService>(siteService);
        services.AddSingleton<IShellConfiguration>(new FakeShellConfiguration(configuration));
        services.AddSingleton<IDataProtectionProvider>(new EphemeralDataProtectionProvider());
        services.Configure<MediaOptions>(o => o.AssetsRequestPath = "/media");

        // As Orchard sets them for every host: App_Data, and the folder of the tenants' own folders.
        services.Configure<ShellOptions>(o =>
        {
            o.ShellsApplicationDataPath = Path.Combine(site, "App_Data");
            o.ShellsContainerName = "Sites";
        });
        services.AddSingleton<IMediaFileStore>(sp => new FakeMediaFileStore(
            root,
            "/media",
            sp.GetServices<IMediaEventHandler>(),
            sp.GetServices<IMediaCreatingEventHandler>()));

        Startup.AddSignedMedia(services);
        configureServices?.Invoke(services);

        var app = builder.Build();
        configurePipeline?.Invoke(app);
        new Startup().Configure(app, app, app.Services);
        app.UseStaticFiles(new StaticFileOptions
        {
            RequestPath = "/media",
            FileProvider = new PhysicalFileProvider(root),
            ServeUnknownFileTypes = true,
        });
        await app.StartAsync();
        return new OrchardMediaHost(root, app, time, siteService, logs);
    }

    public void WriteFile(string path, string content) => TestMedia.WriteFile(Root, path, content);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        Directory.Delete(Path.GetDirectoryName(Root)!, recursive: true);
    }
}
