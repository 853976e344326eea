using System.Net;
using Microsoft.Extensions.DependencyInjection;
using TimeToken.Core.Media;

namespace TimeToken.Tests.OrchardCore;

/// <summary>Media library changes make the cached file version stale at once, so old links stop working.</summary>
public sealed class MediaEventTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CreateFile_OverwriteThroughStore_OldLinkRefusedNewLinkServed()
    {
        // Arrange
        await using var host = await OrchardMediaHost.StartAsync();
        host.WriteFile("docs/report.txt", "version one");
        var oldUrl = host.Store.MapPathToPublicUrl("docs/report.txt");

        // Act
        await host.Store.CreateFileFromStreamAsync("docs/report.txt", new MemoryStream("version two, longer"u8.ToArray()), overwrite: true);
        var newUrl = host.Store.MapPathToPublicUrl("docs/report.txt");
        using var oldResponse = await host.Client.GetAsync(oldUrl, Ct);
        using var newResponse = await host.Client.GetAsync(newUrl, Ct);

        // Assert
        Assert.NotEqual(oldUrl, newUrl);
        Assert.Equal(HttpStatusCode.NotFound, oldResponse.StatusCode);
        Assert.Equal(HttpStatusCode.OK, newResponse.StatusCode);
    }

    [Fact]
    public async Task DeleteFile_ThroughStore_CachedVersionForgotten()
    {
        // Arrange
        await using var host = await OrchardMediaHost.StartAsync();
        host.WriteFile("docs/report.txt", "secret");
        var versions = host.Services.GetRequiredService<IMediaFileVersionProvider>();
        Assert.NotNull(await versions.GetVersionAsync("docs/report.txt", Ct));

        // Act
        await host.Store.TryDeleteFileAsync("docs/report.txt");

        // Assert
        Assert.Null(await versions.GetVersionAsync("docs/report.txt", Ct));
    }

    [Fact]
    public async Task MoveFile_ThroughStore_BothPathsForgotten()
    {
        // Arrange
        await using var host = await OrchardMediaHost.StartAsync();
        host.WriteFile("docs/a.txt", "aaa");
        host.WriteFile("docs/b.txt", "bbbbbb");
        var versions = host.Services.GetRequiredService<IMediaFileVersionProvider>();
        var versionOfA = await versions.GetVersionAsync("docs/a.txt", Ct);
        Assert.NotNull(await versions.GetVersionAsync("docs/b.txt", Ct));
        File.Delete(Path.Combine(host.Root, "docs/b.txt"));

        // Act
        await host.Store.MoveFileAsync("docs/a.txt", "docs/b.txt");

        // Assert
        Assert.Null(await versions.GetVersionAsync("docs/a.txt", Ct));
        Assert.Equal(versionOfA, await versions.GetVersionAsync("docs/b.txt", Ct));
    }

    [Fact]
    public async Task DeleteDirectory_ThroughStore_EveryVersionBelowForgotten()
    {
        // Arrange
        await using var host = await OrchardMediaHost.StartAsync();
        host.WriteFile("docs/sub/a.txt", "a");
        host.WriteFile("other/b.txt", "b");
        var versions = host.Services.GetRequiredService<IMediaFileVersionProvider>();
        Assert.NotNull(await versions.GetVersionAsync("docs/sub/a.txt", Ct));
        Assert.NotNull(await versions.GetVersionAsync("other/b.txt", Ct));

        // Act
        await host.Store.TryDeleteDirectoryAsync("docs");

        // Assert
        Assert.Null(await versions.GetVersionAsync("docs/sub/a.txt", Ct));
        Assert.NotNull(await versions.GetVersionAsync("other/b.txt", Ct));
    }

    [Fact]
    public async Task CreateFile_CreatingHandler_ReturnsSameStream()
    {
        // Arrange
        await using var host = await OrchardMediaHost.StartAsync();
        var handler = host.Services.GetRequiredService<global::OrchardCore.Media.Events.IMediaCreatingEventHandler>();
        using var stream = new MemoryStream();

        // Act
        var result = await handler.MediaCreatingAsync(new global::OrchardCore.Media.Events.MediaCreatingContext { Path = "x.txt" }, stream);

        // Assert
        Assert.Same(stream, result);
    }
}
