using System.Net;
using Microsoft.Extensions.DependencyInjection;
using OrchardCore.Environment.Shell;
using TimeToken.Tests.TestSupport;

namespace TimeToken.Tests.OrchardSite;

/// <summary>
/// The site's Program.cs is Orchard's: <c>UseStaticFiles()</c> before <c>UseOrchardCore()</c>, so anything under the
/// web root is served before the gate. No copy of a protected file may be there.
/// </summary>
[Collection(SharedOrchardSite.Name)]
public sealed class WebRootCacheTests
{
    private readonly OrchardSiteHost _site;

    public WebRootCacheTests(OrchardSiteFixture fixture)
    {
        _site = fixture.Site;
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ResizeAndMediaLibrary_ResizedCopies_KeptInAppDataAndNothingServedFromTheWebRoot()
    {
        // Arrange: signed resize requests from the page and from the media library's thumbnails.
        using var client = _site.CreateAnonymousClient();
        var resize = (await DemoPage.GetAsync(client)).Url("photo-small");
        using var resized = await client.GetAsync(resize, Ct);
        await using (var admin = await AdminBrowser.LogInAsync(_site, "/"))
        {
            await admin.Page.GotoAsync("/Admin/Media");
            await admin.Page.GetByText("photos", new() { Exact = true }).First.ClickAsync();
            await admin.Page.Locator("img[src*='/media/photos/harbour.png']").First.WaitForAsync();
            await admin.Page.WaitForLoadStateAsync(Microsoft.Playwright.LoadState.NetworkIdle);
        }

        // Act: every file now under the web root, requested at the URL static files would serve it.
        var webRootFiles = Directory.Exists(_site.WebRoot)
            ? Directory.GetFiles(_site.WebRoot, "*", SearchOption.AllDirectories)
            : [];
        var served = new List<string>();
        foreach (var file in webRootFiles)
        {
            var response = await RawHttp.SendAsync(_site.BaseAddress, "GET", "/" + Path.GetRelativePath(_site.WebRoot, file).Replace('\\', '/'), cancellationToken: Ct);
            if (response.Status == 200)
            {
                served.Add(file);
            }
        }

        var cached = Directory.GetFiles(Path.Combine(_site.AppData, "Sites", ShellSettings.DefaultShellName, "is-cache"), "*.png", SearchOption.AllDirectories);

        // Assert: ImageSharp did cache resized images, in the tenant's App_Data folder, and none under the web root.
        Assert.Equal(HttpStatusCode.OK, resized.StatusCode);
        Assert.NotEmpty(cached);
        Assert.DoesNotContain(webRootFiles, f => f.Contains("is-cache", StringComparison.Ordinal));
        Assert.Empty(served);
        Assert.Empty(_site.Problems);
    }

    [Fact]
    public async Task TenantStart_CachesLeftUnderTheWebRoot_DeletedAndNoLongerServed()
    {
        // Arrange: copies Orchard made under the web root before the module moved its caches.
        var resized = Path.Combine(_site.WebRoot, "Second", "is-cache", "a", "b", "0123456789ab.png");
        var remote = Path.Combine(_site.WebRoot, "Second", "ms-cache", "docs", "report.pdf");
        foreach (var file in new[] { resized, remote })
        {
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            await File.WriteAllTextAsync(file, "a copy of a protected file", Ct);
        }

        var before = await RawHttp.SendAsync(_site.BaseAddress, "GET", "/Second/ms-cache/docs/report.pdf", cancellationToken: Ct);

        // Act: the tenant starts again (as after a restart or a settings change).
        var shellHost = _site.Services.GetRequiredService<IShellHost>();
        Assert.True(shellHost.TryGetSettings("Second", out var settings));
        await shellHost.ReloadShellContextAsync(settings);
        using var client = _site.CreateAnonymousClient();
        await DemoPage.GetAsync(client, "/second/");
        var after = await RawHttp.SendAsync(_site.BaseAddress, "GET", "/Second/ms-cache/docs/report.pdf", cancellationToken: Ct);

        // Assert
        Assert.Equal(200, before.Status);
        Assert.False(Directory.Exists(Path.Combine(_site.WebRoot, "Second", "is-cache")));
        Assert.False(Directory.Exists(Path.Combine(_site.WebRoot, "Second", "ms-cache")));
        Assert.Equal(404, after.Status);
    }
}
