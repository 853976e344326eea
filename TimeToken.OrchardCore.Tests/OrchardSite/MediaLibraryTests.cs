using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TimeToken.OrchardCore.Uploads;
using TimeToken.Tests.TestSupport;

namespace TimeToken.Tests.OrchardSite;

/// <summary>Orchard's admin media library in Chromium, and a media-library upload slot whose file shows there.</summary>
[Collection(SharedOrchardSite.Name)]
public sealed class MediaLibraryTests
{
    private readonly OrchardSiteHost _site;

    public MediaLibraryTests(OrchardSiteFixture fixture)
    {
        _site = fixture.Site;
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task MediaLibrary_PhotosFolder_ThumbnailsLoadWithSignedUrls()
    {
        // Arrange
        await using var admin = await AdminBrowser.LogInAsync(_site, "/");
        var media = new List<(string Url, int Status)>();
        admin.Page.Response += (_, response) =>
        {
            if (new Uri(response.Url).AbsolutePath.StartsWith("/media/", StringComparison.Ordinal))
            {
                lock (media)
                {
                    media.Add((response.Url, response.Status));
                }
            }
        };

        // Act
        await admin.Page.GotoAsync("/Admin/Media");
        await admin.Page.GetByText("photos", new() { Exact = true }).First.ClickAsync();
        var thumbnail = admin.Page.Locator("img[src*='/media/photos/harbour.png']").First;
        await thumbnail.WaitForAsync();
        await admin.Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        var naturalWidth = await thumbnail.EvaluateAsync<int>("img => img.complete ? img.naturalWidth : 0");
        await admin.ScreenshotAsync("orchard-media-library");

        // Assert: every media request of the library was signed and served.
        Assert.True(naturalWidth > 0, "the thumbnail did not load");
        Assert.NotEmpty(media);
        Assert.All(media, m => Assert.Equal(200, m.Status));
        Assert.All(media, m => Assert.Contains("tt=", m.Url, StringComparison.Ordinal));
        Assert.Empty(_site.Problems);
    }

    [Fact]
    public async Task UploadSlot_MediaLibraryHandler_FileStoredAndListedInTheLibrary()
    {
        // Arrange: a slot made by the tenant's MediaLibraryUploadSlots, as a module's controller would.
        var png = await File.ReadAllBytesAsync(Path.Combine(RepositoryPaths.Root, "samples", "TimeToken.OrchardCore.Site", "Recipes", "media", "public", "logo.png"), Ct);
        var slot = await _site.InTenantAsync("Default", services =>
            services.GetRequiredService<MediaLibraryUploadSlots>().CreateAsync("uploads", cancellationToken: Ct));

        // Act: the client posts the raw file with its name.
        using var client = _site.CreateAnonymousClient();
        using var content = new ByteArrayContent(png);
        content.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        using var request = new HttpRequestMessage(HttpMethod.Post, slot.Url) { Content = content };
        request.Headers.Add("X-File-Name", "from-slot.png");
        using var response = await client.SendAsync(request, Ct);
        var answer = await response.Content.ReadAsStringAsync(Ct);

        await using var admin = await AdminBrowser.LogInAsync(_site, "/");
        await admin.Page.GotoAsync("/Admin/Media");
        await admin.Page.GetByText("uploads", new() { Exact = true }).First.ClickAsync();
        var listed = admin.Page.Locator("img[src*='/media/uploads/from-slot.png']").First;
        await listed.WaitForAsync();
        using var served = await client.GetAsync(await listed.GetAttributeAsync("src"), Ct);

        // Assert
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Contains("\"path\":\"uploads/from-slot.png\"", answer, StringComparison.Ordinal);
        Assert.Equal(png, await File.ReadAllBytesAsync(Path.Combine(_site.MediaRoot(), "uploads", "from-slot.png"), Ct));
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        var temp = Path.Combine(_site.AppData, "Sites", "Default", "timetoken-uploads");
        if (!OperatingSystem.IsWindows())
        {
            // The tenant's private folder for upload bodies, below its App_Data folder.
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(temp));
        }

        Assert.Empty(Directory.GetFiles(temp));
        Assert.Empty(_site.Problems);
    }
}
