using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using TimeToken.Core;
using TimeToken.Core.Media;
using TimeToken.Core.Signing;

using TimeToken.Tests.TestSupport;

namespace TimeToken.Tests.Core.Media;

/// <summary>A key ring holder the tests can swap, as the Orchard module does after a rotation.</summary>
internal sealed class SwappableKeyRingProvider : IKeyRingProvider
{
    public SwappableKeyRingProvider(KeyRing ring) => Ring = ring;

    public KeyRing Ring { get; set; }

    public KeyRing GetKeyRing() => Ring;
}

/// <summary>
/// A real ASP.NET Core site: the gate in front of the static files middleware over a temp folder, on TestServer or
/// on Kestrel bound to 127.0.0.1:0.
/// </summary>
internal sealed class MediaSite : IAsyncDisposable
{
    public const string SecretMarker = "TOP-SECRET-MARKER-5f1c";
    public const string PublicCacheControl = "public, max-age=2592000";

    public static readonly DateTimeOffset Start = TestMedia.Start;

    private MediaSite(string root, WebApplication app, FakeTimeProvider time, SwappableKeyRingProvider keys, Uri? address)
    {
        Root = root;
        App = app;
        Time = time;
        Keys = keys;
        Address = address;
        Client = address is null ? app.GetTestClient() : new HttpClient { BaseAddress = address };
    }

    public string Root { get; }

    public WebApplication App { get; }

    public FakeTimeProvider Time { get; }

    public SwappableKeyRingProvider Keys { get; }

    /// <summary>The Kestrel address, or null on TestServer.</summary>
    public Uri? Address { get; }

    public HttpClient Client { get; }

    public IMediaUrlSigner Signer => App.Services.GetRequiredService<IMediaUrlSigner>();

    public IMediaFileVersionProvider Versions => App.Services.GetRequiredService<IMediaFileVersionProvider>();

    public FakeLogCollector Logs => App.Services.GetFakeLogCollector();

    public static async Task<MediaSite> StartAsync(Action<TimeTokenOptions>? configure = null, bool kestrel = false, bool publicCacheHeaders = true, IMediaFileInfoSource? source = null, Action<IServiceCollection>? services = null, Action<WebApplication>? beforeGate = null, Action<WebApplication>? afterGate = null)
    {
        var root = Directory.CreateTempSubdirectory("timetoken-media-").FullName;
        WriteFile(root, "secret.txt", SecretMarker + " do not serve");
        WriteFile(root, "docs/report.txt", "quarterly report");
        WriteFile(root, "public/hello.txt", "hello public");
        WriteFile(root, "big.bin", new string('x', 10_000));
        foreach (var name in OddNames)
        {
            WriteFile(root, name, "odd " + name);
        }

        var time = new FakeTimeProvider(Start);
        var keys = new SwappableKeyRingProvider(KeyRing.Create(time));

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ContentRootPath = root });
        if (kestrel)
        {
            builder.WebHost.UseKestrelCore().UseUrls("http://127.0.0.1:0");
        }
        else
        {
            builder.WebHost.UseTestServer();
        }

        builder.Logging.ClearProviders().AddFakeLogging().SetMinimumLevel(LogLevel.Debug);
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Services.AddSingleton<IKeyRingProvider>(keys);
        if (source is not null)
        {
            builder.Services.AddSingleton(source);
        }

        builder.Services.AddTimeTokenMedia(root);
        if (configure is not null)
        {
            builder.Services.Configure(configure);
        }

        services?.Invoke(builder.Services);
        var app = builder.Build();
        beforeGate?.Invoke(app);
        app.UseTimeTokenMediaGate("/media");
        afterGate?.Invoke(app);
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new PhysicalFileProvider(root),
            RequestPath = "/media",
            ServeUnknownFileTypes = true,
            OnPrepareResponse = ctx =>
            {
                if (publicCacheHeaders)
                {
                    ctx.Context.Response.Headers.CacheControl = PublicCacheControl;
                }
            },
        });
        app.Run(async context =>
        {
            context.Response.StatusCode = 299;
            await context.Response.WriteAsync("fallthrough:" + context.Request.Method, context.RequestAborted);
        });

        await app.StartAsync(TestContext.Current.CancellationToken);
        Uri? address = null;
        if (kestrel)
        {
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
            address = new Uri(addresses.Addresses.Single());
        }

        return new MediaSite(root, app, time, keys, address);
    }

    /// <summary>File names that need escaping in a URL.</summary>
    public static IReadOnlyList<string> OddNames { get; } =
    [
        "odd/with space.txt",
        "odd/hash#1.txt",
        "odd/100% sure.txt",
        "odd/a+b.txt",
        "odd/caf\u00e9.txt",
        "odd/\u65e5\u672c/\u65e5\u672c\u8a9e.txt",
        "odd/semi;colon&amp=1.txt",
    ];

    public static void WriteFile(string root, string path, string content) => TestMedia.WriteFile(root, path, content);

    /// <summary>Signs a path into a URL below /media.</summary>
    public string Url(string path, TimeSpan? lifetime = null) => Signer.BuildUrl("/media", path, lifetime)!;

    public Task<HttpResponseMessage> GetAsync(string url) => Client.GetAsync(url, TestContext.Current.CancellationToken);

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, Action<HttpRequestMessage>? configure = null)
    {
        using var request = new HttpRequestMessage(method, url);
        configure?.Invoke(request);
        return await Client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync(CancellationToken.None);
        await App.DisposeAsync();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on a slow machine: the temp folder is cleaned by the system.
        }
    }
}
