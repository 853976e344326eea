using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TimeToken.Core.Media;

namespace TimeToken.Tests.Core.Media;

/// <summary>On a local disk too, a version miss lists the file's folder once instead of a <c>stat</c> per file.</summary>
public sealed class LocalFolderListingTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("timetoken-listing-").FullName;
    private readonly FakeTimeProvider _time = new(MediaSite.Start);

    public LocalFolderListingTests()
    {
        for (var i = 0; i < 20; i++)
        {
            MediaSite.WriteFile(_root, $"gallery/photo-{i:D2}.jpg", new string('x', i));
        }

        MediaSite.WriteFile(_root, "gallery/sub/deep.jpg", "deep");
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task ListFilesAsync_Folder_FilesDirectlyInItWithTheirFacts()
    {
        var source = new PhysicalMediaFileInfoSource(_root);

        var files = await source.ListFilesAsync("gallery/", 100, TestContext.Current.CancellationToken);

        Assert.NotNull(files);
        Assert.Equal(20, files.Count);
        Assert.DoesNotContain(files, f => f.Key.Contains("sub", StringComparison.Ordinal));
        foreach (var (path, info) in files)
        {
            Assert.Equal(await source.GetFileInfoAsync(path, TestContext.Current.CancellationToken), info);
        }
    }

    [Fact]
    public async Task ListFilesAsync_SymbolicLinkOrMissingFolder_LeftOut()
    {
        var source = new PhysicalMediaFileInfoSource(_root);
        File.CreateSymbolicLink(Path.Combine(_root, "gallery", "link.jpg"), Path.Combine(_root, "gallery", "photo-01.jpg"));

        var files = await source.ListFilesAsync("gallery/", 100, TestContext.Current.CancellationToken);
        var missing = await source.ListFilesAsync("nothing/here/", 100, TestContext.Current.CancellationToken);

        Assert.DoesNotContain(files!, f => f.Key == "gallery/link.jpg");
        Assert.Empty(missing!);
    }

    [Fact]
    public void TryGetVersion_ColdGalleryOnLocalDisk_OneListingNoStatSameVersions()
    {
        var source = new CountingLocalSource(new PhysicalMediaFileInfoSource(_root));
        var provider = new MediaFileVersionProvider(source, Options(new MediaFileVersionOptions()), _time, NullLogger<MediaFileVersionProvider>.Instance);

        var versions = Enumerable.Range(0, 20).Select(i => provider.TryGetVersion($"gallery/photo-{i:D2}.jpg", out var v) ? v : throw new InvalidOperationException("not known")).ToList();

        Assert.Equal(1, source.Listings);
        Assert.Equal(0, source.Stats);
        for (var i = 0; i < 20; i++)
        {
            var file = new FileInfo(Path.Combine(_root, "gallery", $"photo-{i:D2}.jpg"));
            Assert.Equal(new MediaFileVersion(file.LastWriteTimeUtc, file.Length), versions[i]);
        }
    }

    [Fact]
    public void TryGetVersion_LocalCacheSecondsZero_StatPerFileNoListing()
    {
        var source = new CountingLocalSource(new PhysicalMediaFileInfoSource(_root));
        var provider = new MediaFileVersionProvider(source, Options(new MediaFileVersionOptions { LocalCacheSeconds = 0 }), _time, NullLogger<MediaFileVersionProvider>.Instance);

        for (var i = 0; i < 5; i++)
        {
            Assert.True(provider.TryGetVersion($"gallery/photo-{i:D2}.jpg", out _));
        }

        Assert.Equal(0, source.Listings);
        Assert.Equal(5, source.Stats);
    }

    [Fact]
    public void TryGetVersion_FileMissingFromTheListing_AskedForByItself()
    {
        var source = new CountingLocalSource(new PhysicalMediaFileInfoSource(_root));
        var provider = new MediaFileVersionProvider(source, Options(new MediaFileVersionOptions()), _time, NullLogger<MediaFileVersionProvider>.Instance);

        Assert.True(provider.TryGetVersion("gallery/none.jpg", out var version));

        Assert.Null(version);
        Assert.Equal(1, source.Listings);
        Assert.Equal(1, source.Stats);
    }

    private static StaticMonitor Options(MediaFileVersionOptions value) => new(value);

    private sealed class StaticMonitor : IOptionsMonitor<MediaFileVersionOptions>
    {
        public StaticMonitor(MediaFileVersionOptions value) => CurrentValue = value;

        public MediaFileVersionOptions CurrentValue { get; }

        public MediaFileVersionOptions Get(string? name) => CurrentValue;

        public IDisposable? OnChange(Action<MediaFileVersionOptions, string?> listener) => null;
    }

    /// <summary>The local disk, counting each <c>stat</c> and each folder listing.</summary>
    private sealed class CountingLocalSource : IMediaFileInfoSource
    {
        private readonly PhysicalMediaFileInfoSource _inner;

        public CountingLocalSource(PhysicalMediaFileInfoSource inner) => _inner = inner;

        public int Stats { get; private set; }

        public int Listings { get; private set; }

        public bool IsLocalFileSystem => true;

        public ValueTask<MediaFileInfo> GetFileInfoAsync(string normalizedPath, CancellationToken cancellationToken)
        {
            Stats++;
            return _inner.GetFileInfoAsync(normalizedPath, cancellationToken);
        }

        public ValueTask<IReadOnlyList<KeyValuePair<string, MediaFileInfo>>?> ListFilesAsync(string normalizedFolder, int maxFiles, CancellationToken cancellationToken)
        {
            Listings++;
            return _inner.ListFilesAsync(normalizedFolder, maxFiles, cancellationToken);
        }
    }
}
