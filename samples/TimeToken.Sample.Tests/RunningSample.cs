using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace TimeToken.Sample.Tests;

/// <summary>
/// The real sample (its <see cref="SampleApp.Build"/>, Kestrel included) started in this process on a free loopback
/// port, with its content root (and so App_Data and the media folder) in a temporary folder.
/// </summary>
internal sealed class RunningSample : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly bool _ownsContentRoot;

    private RunningSample(WebApplication app, string contentRoot, bool ownsContentRoot, Uri baseAddress)
    {
        _app = app;
        _ownsContentRoot = ownsContentRoot;
        ContentRoot = contentRoot;
        BaseAddress = baseAddress;
        Client = new HttpClient { BaseAddress = baseAddress };
    }

    public string ContentRoot { get; }

    public string MediaRoot => Path.Combine(ContentRoot, "App_Data", "media");

    public Uri BaseAddress { get; }

    public HttpClient Client { get; }

    /// <summary>The site's services (to look into the upload slot store, for example).</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>Starts the sample in a fresh temporary content root.</summary>
    public static Task<RunningSample> StartAsync(params string[] settings) => StartInAsync(null, settings);

    /// <summary>Starts the sample; <paramref name="contentRoot"/> is kept when given (to test a restart), else made and deleted.</summary>
    public static async Task<RunningSample> StartInAsync(string? contentRoot, params string[] settings)
    {
        var owns = contentRoot is null;
        contentRoot ??= Directory.CreateTempSubdirectory("timetoken-sample-").FullName;
        string[] args =
        [
            "--contentRoot=" + contentRoot,
            "--urls=http://127.0.0.1:0",
            "--Logging:LogLevel:Default=Warning",
            "--Logging:LogLevel:Microsoft.AspNetCore.DataProtection=Error",
            .. settings,
        ];
        var app = SampleApp.Build(args);
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        return new RunningSample(app, contentRoot, owns, new Uri(address + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
        if (_ownsContentRoot)
        {
            Directory.Delete(ContentRoot, recursive: true);
        }
    }

    /// <summary>Deletes a content root kept across restarts.</summary>
    public static void DeleteContentRoot(string contentRoot) => Directory.Delete(contentRoot, recursive: true);
}
