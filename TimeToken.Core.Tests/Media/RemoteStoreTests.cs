using System.Globalization;
using System.Net;
using Fluid;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TimeToken.Core.Liquid;
using TimeToken.Core.Media;
using TimeToken.Core.Signing;
using TimeToken.Tests.TestSupport;

namespace TimeToken.Tests.Core.Media;

/// <summary>
/// Signing and the gate in front of a slow remote store (<see cref="SlowMediaStore"/>): nothing waits for the store on
/// the synchronous signing path, a cold folder costs one store call, and a node whose cache is behind asks once more.
/// </summary>
public sealed class RemoteStoreTests : IDisposable
{
    private const int GallerySize = 200;

    private readonly string _root = Directory.CreateTempSubdirectory("timetoken-remote-").FullName;
    private readonly FakeTimeProvider _time = new(TestMedia.Start);
    private readonly StaticKeyRingProvider _keys = new(KeyRing.Create(TimeProvider.System));
    private readonly SlowMediaStore _store;
    private readonly ServiceProvider _services;

    public RemoteStoreTests()
    {
        for (var i = 0; i < GallerySize; i++)
        {
            TestMedia.WriteFile(_root, Photo(i), "photo " + i.ToString(CultureInfo.InvariantCulture));
        }

        TestMedia.WriteFile(_root, "docs/a.txt", "a");
        TestMedia.WriteFile(_root, "docs/b.txt", "b");
        TestMedia.WriteFile(_root, "docs/c.txt", "c");
        _store = new SlowMediaStore { Root = _root };
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_time);
        services.AddSingleton<IKeyRingProvider>(_keys);
        services.AddSingleton<IMediaFileInfoSource>(_store);
        services.AddTimeTokenMedia(_root);
        _services = services.BuildServiceProvider();
    }

    private IMediaUrlSigner Signer => _services.GetRequiredService<IMediaUrlSigner>();

    private MediaFileVersionProvider Versions => (MediaFileVersionProvider)_services.GetRequiredService<IMediaFileVersionProvider>();

    public void Dispose()
    {
        _store.Release();
        _services.Dispose();
        Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public async Task SignPath_StoreHoldsItsAnswer_IssuedAtLinkWithoutWaitingThenVersioned()
    {
        // Arrange
        _store.Hold();

        // Act: the store has not answered when the link is made.
        var cold = Signer.SignPath(Photo(0))!;
        var callsWhileHeld = _store.Calls;
        _store.Release();
        await Versions.WhenBackgroundIdle();
        var warm = Signer.SignPath(Photo(0))!;

        // Assert: the cold link binds the time it was made (rounded up to the second); the warm one the version.
        Assert.Equal(1, callsWhileHeld);
        var issuedAt = (TestMedia.Start.ToUnixTimeSeconds() + 1).ToString(CultureInfo.InvariantCulture);
        Assert.Equal(["k", "expiry", issuedAt, "mac"], Shape(cold, issuedAt));
        Assert.Equal(["k", "expiry", "mac"], Shape(warm, issuedAt));
    }

    [Fact]
    public async Task SignPath_ColdGalleryInOneFolder_OneStoreCallThenAllVersioned()
    {
        // Arrange
        _store.Hold();

        // Act
        var cold = Enumerable.Range(0, GallerySize).Select(i => Signer.SignPath(Photo(i))!).ToList();
        _store.Release();
        await Versions.WhenBackgroundIdle();
        var warm = Enumerable.Range(0, GallerySize).Select(i => Signer.SignPath(Photo(i))!).ToList();

        // Assert
        Assert.All(cold, url => Assert.Equal(4, TokenOf(url).Split('.').Length));
        Assert.All(warm, url => Assert.Equal(3, TokenOf(url).Split('.').Length));
        Assert.Equal((0, 1), (_store.FileCalls, _store.ListCalls));
    }

    [Fact]
    public async Task Listing_FolderInvalidatedWhileTheStoreAnswers_ListedVersionsNotKept()
    {
        // Arrange: a cold link starts the folder listing; the folder changes before the store answers.
        _store.Hold();
        Signer.SignPath(Photo(0));
        Versions.InvalidatePrefix("gallery/");

        // Act
        _store.Release();
        await Versions.WhenBackgroundIdle();

        // Assert: the listing read before the change is dropped; only the file asked for by itself afterwards is kept.
        Assert.Equal((1, 1), (_store.FileCalls, _store.ListCalls));
        Assert.Equal(1, Versions.Count);
    }

    [Fact]
    public async Task GetVersionAsync_FileDeletedAndItsEntryPastTheStaleBound_NoFile()
    {
        // Arrange: the folder was listed with the file in it; then the file goes, behind the application's back.
        var before = await Versions.GetVersionAsync("docs/a.txt", TestContext.Current.CancellationToken);
        File.Delete(Path.Combine(_root, "docs", "a.txt"));
        _time.Advance(TimeSpan.FromSeconds(60));

        // Act: the folder is listed again, without the file.
        var after = await Versions.GetVersionAsync("docs/a.txt", TestContext.Current.CancellationToken);

        // Assert
        Assert.NotNull(before);
        Assert.Null(after);
    }

    [Fact]
    public async Task Listing_OnlyCallerStopsWaiting_ListingForgottenOnceDone()
    {
        // Arrange: the one request that started the listing gives up before the store answers.
        _store.Hold();
        using var stop = new CancellationTokenSource();
        var waiting = Signer.SignPathAsync(Photo(0), cancellationToken: stop.Token).AsTask();
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);

        // Act
        _store.Release();

        // Assert: the finished listing is not kept, so the folder is listed again once its versions expire.
        await Uploads.UploadTestHost.EventuallyAsync(() => Task.FromResult(Versions.FolderListingsInFlight == 0));
        Assert.Equal(1, _store.ListCalls);
    }

    [Fact]
    public async Task SignPathAsync_ColdGalleryInOneFolder_OneStoreCallAndEveryLinkVersioned()
    {
        // Arrange: each call takes 20 ms on the real clock.
        _store.Latency = TimeSpan.FromMilliseconds(20);

        // Act: as a template signs them, one after the other.
        var urls = new List<string>();
        for (var i = 0; i < GallerySize; i++)
        {
            urls.Add((await Signer.SignPathAsync(Photo(i), cancellationToken: TestContext.Current.CancellationToken))!);
        }

        // Assert
        Assert.All(urls, url => Assert.Equal(3, TokenOf(url).Split('.').Length));
        Assert.Equal((0, 1), (_store.FileCalls, _store.ListCalls));
    }

    [Fact]
    public async Task SignPathAsync_StoreCannotList_OneCallPerFile()
    {
        // Arrange
        _store.CanList = false;

        // Act
        foreach (var name in (string[])["docs/a.txt", "docs/b.txt", "docs/c.txt", "docs/a.txt"])
        {
            await Signer.SignPathAsync(name, cancellationToken: TestContext.Current.CancellationToken);
        }

        // Assert
        Assert.Equal((3, 0), (_store.FileCalls, _store.ListCalls));
    }

    [Fact]
    public async Task SignPath_ManyThreadsWhileTheStoreHolds_NoneWaitsForIt()
    {
        // Arrange: the store answers nothing until released, so any signing call that waited for it would hang.
        _store.Hold();

        // Act: 32 workers sign 100 links each, spread over three folders.
        var workers = Enumerable.Range(0, 32).Select(w => Task.Run(
            () => Enumerable.Range(0, 100).Select(i => Signer.SignPath(i % 3 == 0 ? "docs/a.txt" : Photo((w + i) % GallerySize))!).ToList(),
            TestContext.Current.CancellationToken)).ToList();
        var all = await Task.WhenAll(workers).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        var callsWhileHeld = _store.Calls;

        // Assert: every link was made while the store still held its answers, with one call per folder started.
        Assert.Equal(3200, all.Sum(urls => urls.Count(url => TokenOf(url).Split('.').Length == 4)));
        Assert.Equal(2, callsWhileHeld);
    }

    [Fact]
    public async Task Render_ManyGalleryPagesOnTwoWorkersWhileTheStoreHolds_AllComplete()
    {
        // Arrange: pages render through the real Liquid filter on at most two workers at a time; the store answers
        // nothing until released, so a render that waited for it would hold a worker for good and the rest would
        // never run.
        _store.Hold();
        var options = new TemplateOptions();
        options.AddTimeTokenFilters(Signer, "/media");
        Assert.True(new FluidParser().TryParse(
            "{% for path in paths %}<img src=\"{{ path | signed_media_url }}\">{% endfor %}",
            out var template,
            out var error), error);
        var twoWorkers = new ConcurrentExclusiveSchedulerPair(TaskScheduler.Default, maxConcurrencyLevel: 2).ConcurrentScheduler;

        // Act: 40 pages.
        var pages = Enumerable.Range(0, 40).Select(_ => Task.Factory.StartNew(
            () =>
            {
                var context = new TemplateContext(options);
                context.SetValue("paths", Enumerable.Range(0, GallerySize).Select(Photo).ToArray());
                return template.Render(context);
            },
            TestContext.Current.CancellationToken,
            TaskCreationOptions.None,
            twoWorkers)).ToList();
        var rendered = await Task.WhenAll(pages).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        // Assert: every page has its 200 links, made while the store still held its answers.
        Assert.All(rendered, html => Assert.Equal(GallerySize, html.Split("?tt=").Length - 1));
        Assert.Equal(1, _store.Calls);
    }

    [Fact]
    public async Task Get_IssuedAtLinkFileUnchanged_Served()
    {
        // Arrange: the file was written an hour before the link is made, which is before the site's store has answered.
        await using var site = await StartSiteAsync(out var store);
        File.SetLastWriteTimeUtc(Path.Combine(site.Root, "docs", "report.txt"), site.Time.GetUtcNow().AddHours(-1).UtcDateTime);
        store.Hold();
        var url = site.Url("docs/report.txt");
        store.Release();

        // Act
        using var response = await site.GetAsync(url);

        // Assert
        Assert.Equal(4, TokenOf(url).Split('.').Length);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("quarterly report", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData(-1, HttpStatusCode.OK)]
    [InlineData(0, HttpStatusCode.OK)]
    [InlineData(1, HttpStatusCode.NotFound)]
    public async Task Get_IssuedAtLink_FileWrittenAroundTheIssueTime_ServedUntilWrittenAfterIt(long ticksAfterIssue, HttpStatusCode expected)
    {
        // Arrange
        await using var site = await StartSiteAsync(out _);
        var issuedAt = site.Time.GetUtcNow().ToUnixTimeSeconds() - 60;
        var token = TokenSigner.SignIssuedAt(site.Keys.Ring.Active, "docs/report.txt", issuedAt, issuedAt + 3600);
        File.SetLastWriteTimeUtc(Path.Combine(site.Root, "docs", "report.txt"), DateTimeOffset.FromUnixTimeSeconds(issuedAt).UtcDateTime.AddTicks(ticksAfterIssue));

        // Act
        using var response = await site.GetAsync("/media/docs/report.txt?tt=" + token);

        // Assert
        Assert.Equal(expected, response.StatusCode);
        if (expected != HttpStatusCode.OK)
        {
            MediaGateTests.AssertRefusedOnce(site, TokenFailure.ChangedSinceIssued);
        }
    }

    [Fact]
    public async Task Get_LinkForANewerVersionThanThisNodeCached_ServedAfterOneMoreStoreCall()
    {
        // Arrange: this node has cached the file's version; another node saw it rewritten and signed the new one.
        await using var site = await StartSiteAsync(out var store);
        var path = Path.Combine(site.Root, "docs", "report.txt");
        await site.Versions.GetVersionAsync("docs/report.txt", TestContext.Current.CancellationToken);
        site.Time.Advance(TimeSpan.FromSeconds(2));
        await File.WriteAllTextAsync(path, "quarterly report, corrected", TestContext.Current.CancellationToken);
        var file = new FileInfo(path);
        var newVersion = new MediaFileVersion(file.LastWriteTimeUtc, file.Length).ToString();
        var expiry = site.Time.GetUtcNow().ToUnixTimeSeconds() + 600;
        var token = TokenSigner.Sign(TokenPurpose.Media, site.Keys.Ring.Active, "docs/report.txt", newVersion, expiry);
        var callsBefore = store.Calls;

        // Act
        using var response = await site.GetAsync("/media/docs/report.txt?tt=" + token);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(callsBefore + 1, store.Calls);
    }

    [Fact]
    public async Task Get_BadTokensForOneFile_StoreAskedAgainAtMostOncePerSecond()
    {
        // Arrange
        await using var site = await StartSiteAsync(out var store);
        await site.Versions.GetVersionAsync("docs/report.txt", TestContext.Current.CancellationToken);
        site.Time.Advance(TimeSpan.FromSeconds(2));
        var bad = TokenSigner.Sign(TokenPurpose.Media, site.Keys.Ring.Active, "docs/report.txt", "1-1", site.Time.GetUtcNow().ToUnixTimeSeconds() + 600);
        var callsBefore = store.Calls;

        // Act
        for (var i = 0; i < 10; i++)
        {
            using var response = await site.GetAsync("/media/docs/report.txt?tt=" + bad);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }

        var callsInTheSecond = store.Calls - callsBefore;
        site.Time.Advance(TimeSpan.FromSeconds(1));
        using (await site.GetAsync("/media/docs/report.txt?tt=" + bad))
        {
        }

        // Assert
        Assert.Equal(1, callsInTheSecond);
        Assert.Equal(callsBefore + 2, store.Calls);
    }

    private static string Photo(int i) => string.Create(CultureInfo.InvariantCulture, $"gallery/photo-{i:D3}.jpg");

    private static string TokenOf(string url) => QueryHelpers.ParseQuery(new Uri(new Uri("http://x/"), url).Query)["tt"].ToString();

    // The token's parts, with the key id, the expiry and the MAC named, and the issue time kept.
    private static string[] Shape(string url, string issuedAt)
    {
        var parts = TokenOf(url).Split('.');
        return [.. parts.Select((part, i) => i == 0 ? "k" : i == 1 ? "expiry" : i == parts.Length - 1 ? "mac" : part == issuedAt ? part : "?" + part)];
    }

    private static Task<MediaSite> StartSiteAsync(out SlowMediaStore store)
    {
        var slow = new SlowMediaStore();
        store = slow;
        return StartAsync(slow);

        static async Task<MediaSite> StartAsync(SlowMediaStore slow)
        {
            var site = await MediaSite.StartAsync(source: slow);
            slow.Root = site.Root;
            return site;
        }
    }
}
