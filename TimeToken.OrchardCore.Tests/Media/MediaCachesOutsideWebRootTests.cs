using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrchardCore.Environment.Shell;
using OrchardCore.FileStorage;
using OrchardCore.Media;
using OrchardCore.Media.Core;
using SixLabors.ImageSharp.Web.Caching;
using TimeToken.OrchardCore.Media;

namespace TimeToken.Tests.OrchardCore;

/// <summary>
/// The remote-store cache of Azure Blob and Amazon S3 media storage (whose modules cannot be restored here), registered
/// as their startups do, and the resized-image cache options, after the module's registrations.
/// </summary>
public sealed class MediaCachesOutsideWebRootTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "timetoken-caches-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private string AppData => Path.Combine(_root, "App_Data");

    private string WebRoot => Path.Combine(_root, "wwwroot");

    private ServiceProvider Build(bool remoteStore)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(new ShellSettings { Name = "Tenant1" });
        services.Configure<ShellOptions>(o =>
        {
            o.ShellsApplicationDataPath = AppData;
            o.ShellsContainerName = "Sites";
        });
        services.Configure<MediaOptions>(o => o.AssetsRequestPath = "/media");
        services.Configure<PhysicalFileSystemCacheOptions>(o => o.CacheFolder = "Tenant1/is-cache");
        if (remoteStore)
        {
            // As the Azure Blob and Amazon S3 media startups register it: a folder of the web root.
            services.AddSingleton<IMediaFileStoreCacheFileProvider>(sp => new DefaultMediaFileStoreCacheFileProvider(
                sp.GetRequiredService<ILogger<DefaultMediaFileStoreCacheFileProvider>>(), "/media", Path.Combine(WebRoot, "Tenant1", "ms-cache")));
        }

        MediaCachesOutsideWebRoot.Add(services);
        return services.BuildServiceProvider();
    }

    [Fact]
    public void Resolve_ResizedImageCache_AbsoluteFolderInTheTenantsAppData()
    {
        // Arrange
        using var provider = Build(remoteStore: false);

        // Act
        var folder = provider.GetRequiredService<IOptions<PhysicalFileSystemCacheOptions>>().Value.CacheFolder;

        // Assert: absolute, so ImageSharp's cache and Orchard's clean-up task (web root + folder) both land there.
        Assert.Equal(Path.Combine(AppData, "Sites", "Tenant1", "is-cache"), folder);
        Assert.Equal(folder, Path.Combine(WebRoot, folder));
    }

    [Fact]
    public async Task SetCache_RemoteStoreCopy_WrittenInTheTenantsAppDataNotTheWebRoot()
    {
        // Arrange
        using var provider = Build(remoteStore: true);
        var cache = provider.GetRequiredService<IMediaFileStoreCacheFileProvider>();
        using var content = new MemoryStream(Encoding.UTF8.GetBytes("remote file"));

        // Act
        await cache.SetCacheAsync(content, new Entry("docs/report.pdf"), TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal("/media", cache.VirtualPathBase);
        Assert.Equal("remote file", await File.ReadAllTextAsync(Path.Combine(AppData, "Sites", "Tenant1", "ms-cache", "docs", "report.pdf"), TestContext.Current.CancellationToken));
        Assert.False(Directory.Exists(WebRoot));
    }

    [Fact]
    public void Resolve_NoRemoteStore_NoCacheProviderAdded()
    {
        // Arrange
        using var provider = Build(remoteStore: false);

        // Act
        var cache = provider.GetService<IMediaFileStoreCacheFileProvider>();

        // Assert: the default file store needs no copy, and none is made.
        Assert.Null(cache);
    }

    private sealed record Entry(string Path) : IFileStoreEntry
    {
        public string Name => System.IO.Path.GetFileName(Path);

        public string DirectoryPath => System.IO.Path.GetDirectoryName(Path) ?? "";

        public long Length => 11;

        public DateTime LastModifiedUtc => DateTime.UnixEpoch;

        public bool IsDirectory => false;
    }
}
