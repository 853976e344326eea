using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrchardCore.Environment.Shell;
using OrchardCore.Media;
using OrchardCore.Media.Core;
using OrchardCore.Modules;
using SixLabors.ImageSharp.Web.Caching;

namespace TimeToken.OrchardCore.Media;

/// <summary>
/// Moves the two caches Orchard keeps of media files out of the web root, into the tenant's folder of App_Data.
/// </summary>
/// <remarks>
/// Orchard's sites call <c>UseStaticFiles()</c> before <c>UseOrchardCore()</c>, so anything under <c>wwwroot</c> is
/// served to anyone before a tenant, and its gate, sees the request. Orchard keeps there the resized images of
/// ImageSharp (<c>wwwroot/{tenant}/is-cache</c>, named by a hash of public request parts) and, with Azure Blob or
/// Amazon S3 media storage, local copies of remote files (<c>wwwroot/{tenant}/ms-cache/{path}</c>). Both are copies of
/// protected files. In App_Data they are read only by Orchard's media pipeline, behind the gate. Orchard's own
/// clean-up of the resized images follows: it combines the web root with the cache folder, which is now absolute.
/// </remarks>
internal static class MediaCachesOutsideWebRoot
{
    /// <summary>The folder of resized images, as Orchard names it.</summary>
    internal const string ResizedImagesFolder = "is-cache";

    /// <summary>Registers the moves and the clean-up of the old folders; call after the media store startups.</summary>
    public static void Add(IServiceCollection services)
    {
        services.AddOptions<PhysicalFileSystemCacheOptions>()
            .PostConfigure<IOptions<ShellOptions>, ShellSettings>((options, shellOptions, shellSettings) =>
                options.CacheFolder = Path.Combine(TenantAppData.Folder(shellOptions.Value, shellSettings), ResizedImagesFolder));

        // Registered by the Azure Blob and Amazon S3 media startups, which run before this one (see Startup.Order).
        if (services.Any(d => d.ServiceType == typeof(IMediaFileStoreCacheFileProvider)))
        {
            services.RemoveAll<IMediaFileStoreCacheFileProvider>();
            services.AddSingleton<IMediaFileStoreCacheFileProvider>(sp =>
            {
                var folder = Path.Combine(
                    TenantAppData.Folder(sp.GetRequiredService<IOptions<ShellOptions>>().Value, sp.GetRequiredService<ShellSettings>()),
                    DefaultMediaFileStoreCacheFileProvider.AssetsCachePath);
                Directory.CreateDirectory(folder);
                return new DefaultMediaFileStoreCacheFileProvider(
                    sp.GetRequiredService<ILogger<DefaultMediaFileStoreCacheFileProvider>>(),
                    sp.GetRequiredService<IOptions<MediaOptions>>().Value.AssetsRequestPath,
                    folder);
            });
        }

        services.AddScoped<IModularTenantEvents, WebRootMediaCacheCleaner>();
    }
}
