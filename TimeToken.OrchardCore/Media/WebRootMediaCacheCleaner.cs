using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using OrchardCore.Environment.Shell;
using OrchardCore.Media.Core;
using OrchardCore.Modules;

namespace TimeToken.OrchardCore.Media;

/// <summary>
/// When the tenant starts, deletes the media caches Orchard kept under the web root before the module moved them
/// (<see cref="MediaCachesOutsideWebRoot"/>): files left there would still be served to anyone, without a token.
/// </summary>
internal sealed class WebRootMediaCacheCleaner : ModularTenantEvents
{
    private readonly IWebHostEnvironment _environment;
    private readonly ShellSettings _shellSettings;
    private readonly ILogger _logger;

    public WebRootMediaCacheCleaner(IWebHostEnvironment environment, ShellSettings shellSettings, ILogger<WebRootMediaCacheCleaner> logger)
    {
        _environment = environment;
        _shellSettings = shellSettings;
        _logger = logger;
    }

    public override Task ActivatedAsync()
    {
        if (string.IsNullOrEmpty(_environment.WebRootPath))
        {
            return Task.CompletedTask;
        }

        foreach (var name in new[] { MediaCachesOutsideWebRoot.ResizedImagesFolder, DefaultMediaFileStoreCacheFileProvider.AssetsCachePath })
        {
            var folder = Path.Combine(_environment.WebRootPath, _shellSettings.Name, name);
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
                Log.WebRootMediaCacheDeleted(_logger, folder);
            }
        }

        return Task.CompletedTask;
    }
}
