using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.FileProviders;
using TimeToken.Core;
using TimeToken.Core.Signing;
using TimeToken.Core.Uploads;

namespace TimeToken.Sample;

/// <summary>Builds the sample site: configuration, keys, media gate, static files, index page, upload slots and GraphQL.</summary>
internal static class SampleApp
{
    /// <summary>Where the site listens when no <c>urls</c>, <c>http_ports</c> or Kestrel endpoint is configured.</summary>
    public const string DefaultUrl = "http://localhost:5080";

    /// <summary>The folder of uploaded files, below the media root.</summary>
    public const string UploadFolder = "uploads";

    /// <summary>The lifetime of a slot handed out by <c>POST /api/upload-slots</c> (capped by the maximum lifetime).</summary>
    public static readonly TimeSpan SlotLifetime = TimeSpan.FromMinutes(10);

    /// <summary>Builds the application; it is not started.</summary>
    /// <param name="args">The command line (standard configuration: <c>--urls</c>, <c>--TimeToken:TimeoutSeconds=…</c>, <c>--contentRoot</c>).</param>
    /// <returns>The application.</returns>
    /// <exception cref="SampleConfigurationException">A setting is invalid; the message is one line naming it.</exception>
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        var configuration = builder.Configuration;
        var settings = SampleSettings.Read(configuration, builder.Environment.ContentRootPath);
        if (string.IsNullOrEmpty(configuration["urls"]) && string.IsNullOrEmpty(configuration["http_ports"])
            && string.IsNullOrEmpty(configuration["https_ports"]) && !configuration.GetSection("Kestrel:Endpoints").GetChildren().Any())
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        var appData = Path.Combine(builder.Environment.ContentRootPath, "App_Data");
        var services = builder.Services;
        services.AddSingleton(settings);

        // The same values SampleSettings checked; AllowedExtensions gets the sample's default only when the key is absent.
        var section = configuration.GetSection(TimeTokenOptions.SectionName);
        services.Configure<TimeTokenOptions>(section);
        services.Configure<TimeTokenOptions>(o => o.Uploads.AllowedExtensions = settings.Options.Uploads.AllowedExtensions);

        // Keys: the signing key ring is kept in App_Data, encrypted with Data Protection keys kept in App_Data too, so
        // links stay valid across restarts. (Sample only: on Linux those Data Protection keys are not encrypted at rest.)
        services.AddDataProtection()
            .SetApplicationName("TimeToken.Sample")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(appData, "DataProtection-Keys")));
        services.AddTimeTokenStoredKeyRing(_ => new FileKeyRingStore(Path.Combine(appData, "timetoken-keyring.txt")));

        services.AddTimeTokenMedia(settings.MediaRoot);
        services.AddTimeTokenUploadSlots();
        services.AddSingleton<IUploadFileSink>(new PhysicalUploadFileSink(settings.MediaRoot));
        services.AddUploadSlotHandler<SaveToFolderUploadSlotHandler>(SaveToFolderUploadSlotHandler.DefaultName);
        services.AddSampleGraphQL();

        var seeded = MediaSeed.EnsureSeeded(settings.MediaRoot);
        services.AddSingleton<IFileProvider>(_ => new PhysicalFileProvider(settings.MediaRoot));
        services.AddSingleton<IndexPage>();

        var app = builder.Build();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("TimeToken.Sample");
        if (seeded)
        {
            SampleLog.MediaSeeded(logger, settings.MediaRoot);
        }

        SampleLog.MediaServed(logger, settings.MediaRoot, settings.Options.HasPublicNamespace ? settings.Options.PublicNamespace : "(off)");

        // Read (or make and save) the key ring now, so a broken App_Data shows at start-up rather than on first request.
        app.Services.GetRequiredService<StoredKeyRingProvider>().GetKeyRing();

        var mediaFiles = app.Services.GetRequiredService<IFileProvider>();
        app.UseTimeTokenUploadSlots();
        app.UseTimeTokenMediaGate(SampleSettings.MediaRequestPath);
        app.UseStaticFiles(new StaticFileOptions { RequestPath = SampleSettings.MediaRequestPath, FileProvider = mediaFiles });
        if (settings.PlainPath.HasValue)
        {
            // Benchmark only: the same folder without the gate, to measure what the gate costs.
            SampleLog.PlainPathOn(logger, settings.PlainPath.Value!);
            app.UseStaticFiles(new StaticFileOptions { RequestPath = settings.PlainPath, FileProvider = mediaFiles });
        }

        app.MapGet("/", async (HttpContext http, IndexPage page) =>
        {
            http.Response.Headers.CacheControl = "no-store";
            return Results.Content(await page.RenderAsync(http.RequestAborted).ConfigureAwait(false), "text/html; charset=utf-8");
        });
        app.MapPost("/api/upload-slots", CreateSlotAsync);

        // The same slots for GraphQL clients (mutation createMediaUploadSlot). Sample only: like the endpoint above it
        // has no authentication; a real site authorises the caller before handing out a slot.
        app.MapSampleGraphQL();
        return app;
    }

    /// <summary>
    /// <c>POST /api/upload-slots</c>: a single-use slot that saves one file into <c>uploads/</c>. Answer:
    /// <c>{"url": …, "expiresAt": …, "maxBytes": …, "allowedExtensions": […]}</c>. A real application creates slots
    /// only for users allowed to upload; this demo hands one to anybody.
    /// </summary>
    private static async Task<IResult> CreateSlotAsync(HttpContext http, IUploadSlotService slots)
    {
        http.Response.Headers.CacheControl = "no-store";
        try
        {
            var slot = await slots.CreateAsync(
                SaveToFolderUploadSlotHandler.DefaultName,
                SaveToFolderUploadSlotHandler.CreateArguments(UploadFolder),
                new UploadSlotOptions { Lifetime = SlotLifetime },
                http.RequestAborted).ConfigureAwait(false);
            return Results.Json(new
            {
                url = http.Request.PathBase + slot.Url,
                expiresAt = slot.ExpiresAt,
                maxBytes = slot.MaxBytes,
                allowedExtensions = slot.AllowedExtensions,
            });
        }
        catch (UploadSlotStoreUnavailableException)
        {
            return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
        }
    }
}
