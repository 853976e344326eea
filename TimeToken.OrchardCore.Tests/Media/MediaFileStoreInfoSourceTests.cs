using Microsoft.Extensions.Logging.Abstractions;
using OrchardCore.FileStorage.FileSystem;
using OrchardCore.Media.Core;
using TimeToken.Core.Media;
using TimeToken.OrchardCore.Media;
using TimeToken.Tests.TestSupport;

namespace TimeToken.Tests.OrchardCore.Media;

/// <summary>The look-ups of the version cache against Orchard's real media store (its file system store underneath).</summary>
public sealed class MediaFileStoreInfoSourceTests : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly string _root = Directory.CreateTempSubdirectory("timetoken-orchard-store-").FullName;

    public MediaFileStoreInfoSourceTests()
    {
        TestMedia.WriteFile(_root, "gallery/a.jpg", "aaa");
        TestMedia.WriteFile(_root, "gallery/b.jpg", "bbbbb");
        TestMedia.WriteFile(_root, "gallery/sub/c.jpg", "c");
        File.SetLastWriteTimeUtc(Path.Combine(_root, "gallery", "a.jpg"), new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task ListFilesAsync_RemoteStore_FilesOfTheFolderOnlyAsOneLookUpEachWouldGive()
    {
        // Arrange: treated as a remote store (Azure Blob, S3 list a folder in one call).
        var source = new MediaFileStoreInfoSource(new InnerMediaFileStore(Store()), isLocalFileSystem: false);

        // Act
        var listed = await source.ListFilesAsync("gallery/", 100, Ct);
        var single = await source.GetFileInfoAsync("gallery/a.jpg", Ct);

        // Assert
        Assert.NotNull(listed);
        Assert.Equal(["gallery/a.jpg", "gallery/b.jpg"], listed.Select(f => f.Key).Order(StringComparer.Ordinal));
        Assert.Equal(single, listed.Single(f => f.Key == "gallery/a.jpg").Value);
        Assert.Equal(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero), single.LastModifiedUtc);
        Assert.Equal(5, listed.Single(f => f.Key == "gallery/b.jpg").Value.Length);
    }

    [Fact]
    public async Task ListFilesAsync_LocalStore_NotUsed()
    {
        // Arrange
        var source = new MediaFileStoreInfoSource(new InnerMediaFileStore(Store()), isLocalFileSystem: true);

        // Act
        var listed = await source.ListFilesAsync("gallery/", 100, Ct);

        // Assert: on the local disk one stat per file is cheaper than listing a folder.
        Assert.Null(listed);
    }

    [Fact]
    public async Task ListFilesAsync_MoreFilesThanAsked_StopsAtTheLimit()
    {
        // Arrange
        var source = new MediaFileStoreInfoSource(new InnerMediaFileStore(Store()), isLocalFileSystem: false);

        // Act
        var listed = await source.ListFilesAsync("gallery/", 1, Ct);

        // Assert
        Assert.Single(listed!);
    }

    private DefaultMediaFileStore Store() => new(
        new FileSystemStore(_root, NullLogger<FileSystemStore>.Instance),
        "/media",
        string.Empty,
        [],
        [],
        NullLogger<DefaultMediaFileStore>.Instance);
}
