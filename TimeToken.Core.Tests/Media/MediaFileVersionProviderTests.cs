using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TimeToken.Core.Media;
using TimeToken.Core.Signing;

namespace TimeToken.Tests.Core.Media;

public sealed class MediaFileVersionProviderTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("timetoken-versions-").FullName;
    private readonly FakeTimeProvider _time = new(MediaSite.Start);

    public MediaFileVersionProviderTests() => MediaSite.WriteFile(_root, "a/b.txt", "hello");

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task GetVersionAsync_File_IsUnixTicksDashLength()
    {
        var when = new DateTime(2025, 5, 6, 7, 8, 9, 987, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(Path.Combine(_root, "a", "b.txt"), when);
        var provider = Create(out _);

        var version = await provider.GetVersionAsync("a/b.txt", TestContext.Current.CancellationToken);

        // 2025-05-06T07:08:09.987Z is 1,746,515,289.987 s after the unix epoch.
        Assert.Equal("17465152899870000-5", version?.ToString());
    }

    [Fact]
    public async Task GetVersionAsync_SubSecondChange_NewVersion()
    {
        var path = Path.Combine(_root, "a", "b.txt");
        File.SetLastWriteTimeUtc(path, new DateTime(2025, 5, 6, 7, 8, 9, 100, DateTimeKind.Utc));
        var provider = Create(out _);
        var first = await provider.GetVersionAsync("a/b.txt", TestContext.Current.CancellationToken);

        File.SetLastWriteTimeUtc(path, new DateTime(2025, 5, 6, 7, 8, 9, 100, DateTimeKind.Utc).AddTicks(1));
        provider.Clear();
        var second = await provider.GetVersionAsync("a/b.txt", TestContext.Current.CancellationToken);

        // Regression: whole seconds used to hide a rewrite within the same second.
        Assert.Equal("17465152891000000-5", first?.ToString());
        Assert.Equal("17465152891000001-5", second?.ToString());
    }

    [Fact]
    public async Task GetVersionAsync_MissingFile_Null()
    {
        var provider = Create(out _);

        Assert.Null(await provider.GetVersionAsync("a/none.txt", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task GetVersionAsync_Warm_NoStoreCall()
    {
        var provider = Create(out var source);

        for (var i = 0; i < 10; i++)
        {
            await provider.GetVersionAsync("a/b.txt", TestContext.Current.CancellationToken);
        }

        Assert.Equal(1, source.Calls);
    }

    [Fact]
    public async Task GetVersionAsync_AfterCacheSeconds_StaleAnswerAndOneBackgroundLookUp()
    {
        var provider = Create(out var source);
        var first = await provider.GetVersionAsync("a/b.txt", TestContext.Current.CancellationToken);

        _time.Advance(TimeSpan.FromSeconds(29));
        await provider.GetVersionAsync("a/b.txt", TestContext.Current.CancellationToken);
        var callsBeforeStale = source.Calls;
        _time.Advance(TimeSpan.FromSeconds(1));
        var stale = await provider.GetVersionAsync("a/b.txt", TestContext.Current.CancellationToken);
        await provider.GetVersionAsync("a/b.txt", TestContext.Current.CancellationToken);
        await provider.WhenBackgroundIdle();

        Assert.Equal(1, callsBeforeStale);
        Assert.Equal(first, stale);
        Assert.Equal(2, source.Calls);
    }

    [Fact]
    public async Task GetVersionAsync_PastCacheAndStaleSeconds_AsksStoreBeforeAnswering()
    {
        var provider = Create(out var source);
        await provider.GetVersionAsync("a/b.txt", TestContext.Current.CancellationToken);

        _time.Advance(TimeSpan.FromSeconds(60) - TimeSpan.FromTicks(1));
        await provider.GetVersionAsync("a/b.txt", TestContext.Current.CancellationToken);
        await provider.WhenBackgroundIdle();
        var callsWithinBound = source.Calls;
        _time.Advance(TimeSpan.FromSeconds(60));
        await provider.GetVersionAsync("a/b.txt", TestContext.Current.CancellationToken);

        Assert.Equal(2, callsWithinBound);
        Assert.Equal(3, source.Calls);
    }

    [Fact]
    public async Task GetVersionAsync_LocalFileRewrittenSameLengthSameSecond_NewVersionOneSecondLater()
    {
        var path = Path.Combine(_root, "a", "b.txt");
        var written = new DateTime(2025, 5, 6, 7, 8, 9, 100, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(path, written);
        var provider = new MediaFileVersionProvider(new PhysicalMediaFileInfoSource(_root), Options(), _time, NullLogger<MediaFileVersionProvider>.Instance);
        var first = await provider.GetVersionAsync("a/b.txt", TestContext.Current.CancellationToken);

        File.WriteAllText(path, "HELLO");
        File.SetLastWriteTimeUtc(path, written.AddMilliseconds(400));
        _time.Advance(TimeSpan.FromSeconds(1) - TimeSpan.FromTicks(1));
        var oneTickBefore = await provider.GetVersionAsync("a/b.txt", TestContext.Current.CancellationToken);
        _time.Advance(TimeSpan.FromTicks(1));
        var atBound = await provider.GetVersionAsync("a/b.txt", TestContext.Current.CancellationToken);

        Assert.Equal("17465152891000000-5", first?.ToString());
        Assert.Equal(first, oneTickBefore);
        Assert.Equal("17465152895000000-5", atBound?.ToString());
    }

    [Fact]
    public async Task GetVersionAsync_RemoteStore_KeptCacheSecondsLocalStore_KeptLocalCacheSeconds()
    {
        var remote = Create(out var remoteSource);
        var localSource = new LocalCountingSource(new PhysicalMediaFileInfoSource(_root));
        var local = new MediaFileVersionProvider(localSource, Options(), _time, NullLogger<MediaFileVersionProvider>.Instance);
        await remote.GetVersionAsync("a/b.txt", TestContext.Current.CancellationToken);
        await local.GetVersionAsync("a/b.txt", TestContext.Current.CancellationToken);

        _time.Advance(TimeSpan.FromSeconds(1));
        await remote.GetVersionAsync("a/b.txt", TestContext.Current.CancellationToken);
        await local.GetVersionAsync("a/b.txt", TestContext.Current.CancellationToken);

        Assert.Equal(1, remoteSource.Calls);
        Assert.Equal(2, localSource.Calls);
    }

    [Fact]
    public async Task GetVersionAsync_SameLengthAndSameTicks_SameVersion()
    {
        // The documented limit: a copy that keeps the last write time to the tick (cp -p, rsync -t) and the length
        // gives the same version, so old links keep working.
        var path = Path.Combine(_root, "a", "b.txt");
        var written = new DateTime(2025, 5, 6, 7, 8, 9, 100, DateTimeKind.Utc).AddTicks(7);
        File.SetLastWriteTimeUtc(path, written);
        var provider = new MediaFileVersionProvider(new PhysicalMediaFileInfoSource(_root), Options(), _time, NullLogger<MediaFileVersionProvider>.Instance);
        var first = await provider.GetVersionAsync("a/b.txt", TestContext.Current.CancellationToken);

        File.WriteAllText(path, "HELLO");
        File.SetLastWriteTimeUtc(path, written);
        provider.Clear();
        var second = await provider.GetVersionAsync("a/b.txt", TestContext.Current.CancellationToken);

        Assert.Equal("17465152891000007-5", first?.ToString());
        Assert.Equal(first, second);
    }

    [Theory]
    [InlineData("invalidate", "a/b.txt")]
    [InlineData("prefix", "a")]
    [InlineData("prefix", "a/")]
    [InlineData("prefix", "")]
    [InlineData("clear", "")]
    public async Task Invalidation_ChangedFile_NewVersion(string how, string argument)
    {
        var provider = Create(out _);
        var before = await provider.GetVersionAsync("a/b.txt", TestContext.Current.CancellationToken);

        MediaSite.WriteFile(_root, "a/b.txt", "hello, longer");
        switch (how)
        {
            case "invalidate": provider.Invalidate(argument); break;
            case "prefix": provider.InvalidatePrefix(argument); break;
            default: provider.Clear(); break;
        }

        Assert.NotEqual(before, await provider.GetVersionAsync("a/b.txt", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task InvalidatePrefix_OtherFolder_KeepsEntry()
    {
        var provider = Create(out var source);
        await provider.GetVersionAsync("a/b.txt", TestContext.Current.CancellationToken);

        provider.InvalidatePrefix("ab/");
        await provider.GetVersionAsync("a/b.txt", TestContext.Current.CancellationToken);

        Assert.Equal(1, source.Calls);
    }

    [Fact]
    public async Task GetVersionAsync_ManyMissingPaths_CacheStaysBounded()
    {
        var provider = Create(out _, maxEntries: 50);

        for (var i = 0; i < 1000; i++)
        {
            await provider.GetVersionAsync($"nothing/{i}.txt", TestContext.Current.CancellationToken);
        }

        Assert.InRange(provider.Count, 1, 50);
    }

    [Fact]
    public async Task GetVersionAsync_StoreThrows_StoreUnavailable()
    {
        var provider = new MediaFileVersionProvider(new MediaUrlSignerTests.FailingSource(), Options(), _time, NullLogger<MediaFileVersionProvider>.Instance);

        await Assert.ThrowsAsync<MediaStoreUnavailableException>(async () => await provider.GetVersionAsync("a/b.txt", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task GetVersionAsync_StoreHangs_TimesOutAsStoreUnavailable()
    {
        var provider = new MediaFileVersionProvider(new HangingSource(), Options(), TimeProvider.System, NullLogger<MediaFileVersionProvider>.Instance);

        await Assert.ThrowsAsync<MediaStoreUnavailableException>(async () => await provider.GetVersionAsync("a/b.txt", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Gate_StoreFails_RefusedWithFailureStatusNot500()
    {
        await using var site = await MediaSite.StartAsync(source: new MediaUrlSignerTests.FailingSource());

        using var response = await site.GetAsync(site.Url("docs/report.txt"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        MediaGateTests.AssertRefusedOnce(site, TokenFailure.StoreUnavailable);
    }

    [Theory]
    [InlineData("../outside.txt")]
    [InlineData("a/../../outside.txt")]
    [InlineData("/etc/passwd")]
    [InlineData("a\\..\\..\\outside.txt")]
    public async Task PhysicalSource_PathEscapingRoot_NotFound(string path)
    {
        File.WriteAllText(Path.Combine(Path.GetDirectoryName(_root)!, "outside.txt"), "x");
        var source = new PhysicalMediaFileInfoSource(_root);

        var info = await source.GetFileInfoAsync(path, TestContext.Current.CancellationToken);

        Assert.False(info.Exists);
    }

    [Fact]
    public async Task PhysicalSource_Folder_NotFound()
    {
        var source = new PhysicalMediaFileInfoSource(_root);

        Assert.False((await source.GetFileInfoAsync("a", TestContext.Current.CancellationToken)).Exists);
        Assert.True((await source.GetFileInfoAsync("a/b.txt", TestContext.Current.CancellationToken)).Exists);
    }

    private MediaFileVersionProvider Create(out MediaUrlSignerTests.CountingSource source, int maxEntries = 10_000)
    {
        source = new MediaUrlSignerTests.CountingSource(new PhysicalMediaFileInfoSource(_root));
        return new MediaFileVersionProvider(source, Options(maxEntries), _time, NullLogger<MediaFileVersionProvider>.Instance);
    }

    private static StaticOptionsMonitor Options(int maxEntries = 10_000) =>
        new StaticOptionsMonitor(new MediaFileVersionOptions { MaxCacheEntries = maxEntries, StoreTimeoutSeconds = 0.2 });

    private sealed class StaticOptionsMonitor : IOptionsMonitor<MediaFileVersionOptions>
    {
        public StaticOptionsMonitor(MediaFileVersionOptions value) => CurrentValue = value;

        public MediaFileVersionOptions CurrentValue { get; }

        public MediaFileVersionOptions Get(string? name) => CurrentValue;

        public IDisposable? OnChange(Action<MediaFileVersionOptions, string?> listener) => null;
    }

    private sealed class LocalCountingSource : IMediaFileInfoSource
    {
        private readonly IMediaFileInfoSource _inner;

        public LocalCountingSource(IMediaFileInfoSource inner) => _inner = inner;

        public int Calls { get; private set; }

        public bool IsLocalFileSystem => true;

        public ValueTask<MediaFileInfo> GetFileInfoAsync(string normalizedPath, CancellationToken cancellationToken)
        {
            Calls++;
            return _inner.GetFileInfoAsync(normalizedPath, cancellationToken);
        }
    }

    /// <summary>Stands in for a remote store that never answers.</summary>
    private sealed class HangingSource : IMediaFileInfoSource
    {
        public async ValueTask<MediaFileInfo> GetFileInfoAsync(string normalizedPath, CancellationToken cancellationToken)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return MediaFileInfo.NotFound;
        }
    }
}
