using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TimeToken.Core.Uploads;
using TimeToken.OrchardCore.Uploads;
using TimeToken.Tests.TestSupport;

namespace TimeToken.Tests.OrchardSite;

/// <summary>
/// Rotating and revoking the signing key from the settings page of the real site, in Chromium, and what happens to
/// links and upload slots issued before. On the Second tenant, as <see cref="AdminTests"/>.
/// </summary>
[Collection(SharedOrchardSite.Name)]
public sealed class SigningKeyTests
{
    private const string Second = "/second/";
    private const string SettingsPage = Second + "Admin/Settings/timetoken";
    private static readonly string[] s_png = [".png"];

    private readonly OrchardSiteHost _site;

    public SigningKeyTests(OrchardSiteFixture fixture)
    {
        _site = fixture.Site;
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Png => Path.Combine(RepositoryPaths.Root, "samples", "TimeToken.OrchardCore.Site", "Recipes", "media", "public", "logo.png");

    [Fact]
    public async Task SettingsPage_RotateTwice_LinksOfTheFirstKeyRefusedOfTheSecondServed()
    {
        // Arrange
        using var client = _site.CreateAnonymousClient();
        await using var admin = await AdminBrowser.LogInAsync(_site, Second);
        var first = await ReportLinkAsync(client);

        // Act
        await RotateAsync(admin);
        var second = await ReportLinkAsync(client);
        await RotateAsync(admin);
        var third = await ReportLinkAsync(client);
        using var firstResponse = await client.GetAsync(first, Ct);
        using var secondResponse = await client.GetAsync(second, Ct);
        using var thirdResponse = await client.GetAsync(third, Ct);

        // Assert: the second rotation ends the first key's grace; the second key keeps its own.
        Assert.Equal(3, new[] { KeyId(first), KeyId(second), KeyId(third) }.Distinct().Count());
        Assert.Equal(HttpStatusCode.NotFound, firstResponse.StatusCode);
        Assert.Equal(HttpStatusCode.OK, secondResponse.StatusCode);
        Assert.Equal(HttpStatusCode.OK, thirdResponse.StatusCode);
        Assert.Empty(_site.Problems);
    }

    [Fact]
    public async Task SettingsPage_RevokeAllLinks_OldLinksAndSlotsRefusedNewLinksServed()
    {
        // Arrange: a link and an upload slot issued before, both working.
        using var client = _site.CreateAnonymousClient();
        await using var admin = await AdminBrowser.LogInAsync(_site, Second);
        var old = await ReportLinkAsync(client);
        using var oldBefore = await client.GetAsync(old, Ct);
        using var slotBefore = await PostFileAsync(await CreateSlotAsync(), "served.png");
        var slotUrl = await CreateSlotAsync();
        using var logs = _site.CaptureLogs();

        // Act
        await admin.Page.GotoAsync(SettingsPage);
        await admin.Page.Locator("#ConfirmRevokeAllLinks").CheckAsync();
        await admin.Page.Locator("button.revoke-all-links").ClickAsync();
        await admin.Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        var page = await admin.Page.ContentAsync();
        using var oldAfter = await client.GetAsync(old, Ct);
        var fresh = await ReportLinkAsync(client);
        using var freshResponse = await client.GetAsync(fresh, Ct);
        using var upload = await PostFileAsync(slotUrl, "before.png");
        using var publicFile = await client.GetAsync(Second + "media/public/logo.png", Ct);
        await admin.ScreenshotAsync("orchard-settings-revoked");

        // Assert
        Assert.Equal(HttpStatusCode.OK, oldBefore.StatusCode);
        Assert.Equal(HttpStatusCode.Created, slotBefore.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, oldAfter.StatusCode);
        Assert.Equal(HttpStatusCode.OK, freshResponse.StatusCode);
        Assert.NotEqual(KeyId(old), KeyId(fresh));
        Assert.Contains(KeyId(fresh), page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, upload.StatusCode);
        Assert.Equal(HttpStatusCode.OK, publicFile.StatusCode);
        Assert.False(File.Exists(Path.Combine(_site.MediaRoot("Second"), "revoke", "before.png")));
        var audit = Assert.Single(_site.Logs, l => l.Contains("[1305]", StringComparison.Ordinal));
        Assert.StartsWith("Information TimeToken.OrchardCore.Controllers.SigningKeysController[1305]", audit, StringComparison.Ordinal);
        Assert.Contains("user 'admin'", audit, StringComparison.Ordinal);
        Assert.Contains(KeyId(old), audit, StringComparison.Ordinal);
        Assert.Contains(KeyId(fresh), audit, StringComparison.Ordinal);
        Assert.Empty(_site.Problems);
    }

    [Fact]
    public async Task SettingsPage_RevokeWithoutConfirmation_NothingRevoked()
    {
        // Arrange
        using var client = _site.CreateAnonymousClient();
        await using var admin = await AdminBrowser.LogInAsync(_site, Second);
        var old = await ReportLinkAsync(client);

        // Act
        await admin.Page.GotoAsync(SettingsPage);
        await admin.Page.Locator("button.revoke-all-links").ClickAsync();
        await admin.Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        using var oldAfter = await client.GetAsync(old, Ct);
        var fresh = await ReportLinkAsync(client);

        // Assert
        Assert.Contains("Nothing was revoked", await admin.Page.ContentAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, oldAfter.StatusCode);
        Assert.Equal(KeyId(old), KeyId(fresh));
    }

    [Fact]
    public async Task RevokeAllLinks_PostWithoutAntiforgeryToken_NothingRevoked()
    {
        // Arrange
        using var client = _site.CreateAnonymousClient();
        await using var admin = await AdminBrowser.LogInAsync(_site, Second);
        var old = await ReportLinkAsync(client);

        // Act: the login cookie and the confirmation, but no antiforgery token.
        var answer = await admin.Context.APIRequest.PostAsync(Second + "Admin/TimeToken/RevokeAllLinks", new()
        {
            Data = "ConfirmRevokeAllLinks=true",
            Headers = new Dictionary<string, string> { ["Content-Type"] = "application/x-www-form-urlencoded" },
            MaxRedirects = 0,
        });
        using var oldAfter = await client.GetAsync(old, Ct);

        // Assert
        Assert.Equal(400, answer.Status);
        Assert.Equal(HttpStatusCode.OK, oldAfter.StatusCode);
    }

    private static string KeyId(string url) => url.Split("tt=")[1].Split('.')[0];

    private static async Task RotateAsync(AdminBrowser admin)
    {
        await admin.Page.GotoAsync(SettingsPage);
        await admin.Page.Locator("input[type='checkbox'][name$='.RotateKey']").CheckAsync();
        await admin.Page.Locator("input[type='checkbox'][name$='.ConfirmRotateKey']").CheckAsync();
        await admin.Page.Locator("form button[type='submit']").Last.ClickAsync();
        await admin.Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
    }

    private static async Task<string> ReportLinkAsync(HttpClient client) => (await DemoPage.GetAsync(client, Second)).Url("report");

    // A slot of the Second tenant's media library, made as a module's controller would.
    private Task<string> CreateSlotAsync() => _site.InTenantAsync("Second", async services =>
        (await services.GetRequiredService<MediaLibraryUploadSlots>().CreateAsync("revoke", new UploadSlotOptions { AllowedExtensions = s_png }, Ct)).Url);

    private async Task<HttpResponseMessage> PostFileAsync(string url, string fileName)
    {
        using var client = _site.CreateAnonymousClient();
        using var content = new ByteArrayContent(await File.ReadAllBytesAsync(Png, Ct));
        content.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
        request.Headers.Add("X-File-Name", fileName);
        return await client.SendAsync(request, Ct);
    }
}
