using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Net.Http.Headers;
using Microsoft.Playwright;
using OrchardCore.Security;
using OrchardCore.Users;
using OrchardCore.Users.Models;
using TimeToken.OrchardCore.ShareLinks;
using YesSql;

namespace TimeToken.Tests.OrchardSite;

/// <summary>
/// Share links in the real site (feature <c>TimeToken.OrchardCore.ShareLinks</c>, on in the demo recipe), on a site
/// whose longest link lifetime is 7 days: an administrator shares a PDF from the admin page, the link downloads
/// without a cookie under its download name, shows on "Shared links", and dies at once when revoked.
/// </summary>
[Collection(SharedOrchardSite.Name)]
public sealed partial class ShareLinksTests : IClassFixture<ShareLinksSiteFixture>
{
    private const string CreatePage = "/Admin/TimeToken/ShareLinks/Create";
    private const string ListPage = "/Admin/TimeToken/ShareLinks";
    private const string EditorName = "editor-share";
    private const string EditorPassword = "Editor-Share-1";
    private static readonly byte[] s_pdf = ShareLinksSiteFixture.Pdf;

    private readonly OrchardSiteHost _site;

    public ShareLinksTests(ShareLinksSiteFixture fixture)
    {
        _site = fixture.Site;
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ShareLink_PdfForOneDayWithName_DownloadsAnonymouslyUntilRevoked()
    {
        // Arrange
        await File.WriteAllBytesAsync(Path.Combine(_site.MediaRoot(), "contracts", "acme.pdf"), s_pdf, Ct);
        await using var admin = await AdminBrowser.LogInAsync(_site, "/");
        var page = admin.Page;

        // Act: the admin page, as an editor uses it.
        await page.GotoAsync(CreatePage + "?path=contracts/acme.pdf");
        await page.Locator("#timetoken-share-lifetime").SelectOptionAsync("86400");
        await page.Locator("input[name='DownloadName']").FillAsync("Contract ACME 2026 – signed.pdf");
        await page.Locator("#timetoken-share-submit").ClickAsync();
        var link = await page.Locator("input#timetoken-share-link").InputValueAsync();
        var expiryShown = await page.Locator("#timetoken-share-expiry").TextContentAsync();
        var expiry = DateTimeOffset.Parse(await page.Locator("#timetoken-share-expiry").GetAttributeAsync("datetime") ?? string.Empty, System.Globalization.CultureInfo.InvariantCulture);
        await admin.ScreenshotAsync("share-link-dialog");

        using var anonymous = _site.CreateAnonymousClient();
        using var download = await anonymous.GetAsync(link, Ct);
        var body = await download.Content.ReadAsByteArrayAsync(Ct);

        await page.GotoAsync(ListPage + "?path=contracts/acme.pdf");
        var row = page.Locator("#timetoken-shared-links tbody tr[data-grant='" + GrantIdOf(link) + "']");
        var stateBefore = await row.Locator(".timetoken-state").TextContentAsync();
        await row.Locator(".timetoken-revoke").ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        var stateAfter = await page.Locator("#timetoken-shared-links tbody tr[data-grant='" + GrantIdOf(link) + "'] .timetoken-state").TextContentAsync();
        using var afterRevoke = await anonymous.GetAsync(link, Ct);

        // Assert
        Assert.StartsWith(_site.BaseAddress + "media/contracts/acme.pdf?tt=", link, StringComparison.Ordinal);
        Assert.Equal(_site.Time.GetUtcNow().AddDays(1).ToUnixTimeSeconds(), expiry.ToUnixTimeSeconds(), tolerance: 1);
        Assert.False(string.IsNullOrWhiteSpace(expiryShown));
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(s_pdf, body);
        var disposition = download.Content.Headers.GetValues("Content-Disposition").Single();
        Assert.Equal("attachment; filename=\"Contract ACME 2026 _ signed.pdf\"; filename*=UTF-8''Contract%20ACME%202026%20%E2%80%93%20signed.pdf", disposition);
        Assert.Equal("Contract ACME 2026 – signed.pdf", ContentDispositionHeaderValue.Parse(disposition).FileNameStar.ToString());
        Assert.Equal("Active", stateBefore?.Trim());
        Assert.Equal("Revoked by admin", stateAfter?.Trim());
        Assert.Equal(HttpStatusCode.NotFound, afterRevoke.StatusCode);
        Assert.Empty(await afterRevoke.Content.ReadAsByteArrayAsync(Ct));
        Assert.Empty(_site.Problems);
    }

    [Fact]
    public async Task ShareLink_EditorOnOtherUsersFolder_NoLink()
    {
        // Arrange: an Editor (ManageMedia, ManageOwnMedia) with Share media links, and a file in another user's folder,
        // which only ManageOthersMedia opens in the media library.
        var editorPermissions = await CreateEditorRoleAsync();
        await CreateEditorAsync();
        var folder = Path.Combine(_site.MediaRoot(), "_Users", "someone-else");
        Directory.CreateDirectory(folder);
        await File.WriteAllBytesAsync(Path.Combine(folder, "private.pdf"), s_pdf, Ct);
        await using var editor = await AdminBrowser.LogInAsync(_site, "/", EditorName, EditorPassword);

        // Act
        var refused = await PostShareAsync(editor, "_Users/someone-else/private.pdf", "3600", null);
        var allowed = await PostShareAsync(editor, "contracts/acme.pdf", "3600", null);

        // Assert
        Assert.Contains("ShareMediaLinks", editorPermissions);
        Assert.DoesNotContain("ManageOthersMedia", editorPermissions);
        Assert.Equal(302, refused.Status); // Orchard answers a signed-in user's 403 with its access-denied page
        Assert.Null(refused.Link);
        Assert.Equal(200, allowed.Status);
        Assert.NotNull(allowed.Link);
    }

    public static TheoryData<string> HostileNames =>
    [
        "evil\r\nSet-Cookie: stolen=1.pdf", "evil\n.pdf", "nul\0.pdf", "rtl\u202Efdp.exe", new string('x', 300), "a/b.pdf", "..",
    ];

    [Theory]
    [MemberData(nameof(HostileNames))]
    public async Task ShareLink_HostileDownloadName_400WithoutGrant(string name)
    {
        // Arrange
        await using var admin = await AdminBrowser.LogInAsync(_site, "/");

        // Act
        var answer = await PostShareAsync(admin, "contracts/acme.pdf", "3600", name);

        // Assert: refused (by the form reader for a NUL, by the share service otherwise, with its reason), nothing stored.
        Assert.Equal(400, answer.Status);
        Assert.Null(answer.Link);
        Assert.True(name.Contains('\0', StringComparison.Ordinal) || answer.Html.Contains("download name", StringComparison.Ordinal), answer.Html);
        Assert.False(await HasGrantNamedAsync(name));
        Assert.Empty(_site.Problems);
    }

    [Theory]
    [InlineData("say \"hi\"; now.pdf", "attachment; filename=\"say _hi_; now.pdf\"; filename*=UTF-8''say%20%22hi%22%3B%20now.pdf")]
    [InlineData("r\u00e9sum\u00e9 100%.pdf", "attachment; filename=\"r_sum_ 100_.pdf\"; filename*=UTF-8''r%C3%A9sum%C3%A9%20100%25.pdf")]
    public async Task ShareLink_OddButValidName_EncodedInTheHeader(string name, string expected)
    {
        // Arrange
        await using var admin = await AdminBrowser.LogInAsync(_site, "/");
        var answer = await PostShareAsync(admin, "contracts/acme.pdf", "3600", name);
        using var anonymous = _site.CreateAnonymousClient();

        // Act
        using var download = await anonymous.GetAsync(answer.Link, Ct);

        // Assert
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(expected, download.Content.Headers.GetValues("Content-Disposition").Single());
        Assert.Empty(_site.Problems);
    }

    [Theory]
    [InlineData("604801")]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("soon")]
    public async Task ShareLink_LifetimeOutOfRange_400WithoutGrant(string lifetime)
    {
        // Arrange
        await using var admin = await AdminBrowser.LogInAsync(_site, "/");

        // Act
        var answer = await PostShareAsync(admin, "contracts/acme.pdf", lifetime, null);

        // Assert
        Assert.Equal(400, answer.Status);
        Assert.Null(answer.Link);
    }

    [Fact]
    public async Task ShareLink_SharedFileReplaced_LinkDies()
    {
        // Arrange
        var file = Path.Combine(_site.MediaRoot(), "contracts", "draft.pdf");
        await File.WriteAllBytesAsync(file, s_pdf, Ct);
        var written = File.GetLastWriteTimeUtc(file);
        await using var admin = await AdminBrowser.LogInAsync(_site, "/");
        var answer = await PostShareAsync(admin, "contracts/draft.pdf", "86400", null);
        using var anonymous = _site.CreateAnonymousClient();
        using var before = await anonymous.GetAsync(answer.Link, Ct);

        // Act: replaced on disk, as a deploy or another node would.
        await File.WriteAllTextAsync(file, "%PDF-1.4 replaced", Ct);
        File.SetLastWriteTimeUtc(file, written.AddTicks(1));
        _site.Time.Advance(TimeSpan.FromSeconds(1) + TimeSpan.FromTicks(1));
        using var after = await anonymous.GetAsync(answer.Link, Ct);

        // Assert
        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, after.StatusCode);
    }

    [Fact]
    public async Task RevokeFile_TwoLinks_BothDie()
    {
        // Arrange
        await File.WriteAllBytesAsync(Path.Combine(_site.MediaRoot(), "contracts", "kit.pdf"), s_pdf, Ct);
        await using var admin = await AdminBrowser.LogInAsync(_site, "/");
        var first = await PostShareAsync(admin, "contracts/kit.pdf", "3600", null);
        var second = await PostShareAsync(admin, "contracts/kit.pdf", "86400", "kit.pdf");
        using var anonymous = _site.CreateAnonymousClient();
        using var firstBefore = await anonymous.GetAsync(first.Link, Ct);

        // Act
        await admin.Page.GotoAsync(ListPage + "?path=contracts/kit.pdf");
        await admin.Page.Locator("#timetoken-revoke-file").ClickAsync();
        await admin.Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        using var firstAfter = await anonymous.GetAsync(first.Link, Ct);
        using var secondAfter = await anonymous.GetAsync(second.Link, Ct);
        var states = await admin.Page.Locator("#timetoken-shared-links .timetoken-state").AllTextContentsAsync();

        // Assert
        Assert.Equal(HttpStatusCode.OK, firstBefore.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, firstAfter.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, secondAfter.StatusCode);
        Assert.Equal(["Revoked by admin", "Revoked by admin"], states.Select(s => s.Trim()));
    }

    [Fact]
    public async Task CreatePage_Anonymous_NoForm()
    {
        using var anonymous = _site.CreateAnonymousClient();

        using var response = await anonymous.GetAsync(CreatePage, Ct);

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
    }

    // Posts the form with the browser's cookie and the page's antiforgery token, as the form would, but with any value.
    private static async Task<(int Status, string? Link, string Html)> PostShareAsync(AdminBrowser browser, string path, string lifetime, string? downloadName)
    {
        await browser.Page.GotoAsync(CreatePage);
        var antiforgery = await browser.Page.Locator("#timetoken-share-form input[name='__RequestVerificationToken']").InputValueAsync();
        var form = browser.Context.APIRequest.CreateFormData();
        form.Set("Path", path);
        form.Set("Lifetime", lifetime);
        form.Set("DownloadName", downloadName ?? string.Empty);
        form.Set("__RequestVerificationToken", antiforgery);
        var response = await browser.Context.APIRequest.PostAsync(CreatePage, new() { Form = form, MaxRedirects = 0 });
        var html = await response.TextAsync();
        var match = LinkPattern().Match(html);
        return (response.Status, match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : null, html);
    }

    private Task<bool> HasGrantNamedAsync(string name) => _site.InTenantAsync("Default", async services =>
    {
        var grants = await services.GetRequiredService<ISession>()
            .Query<MediaShareGrant, MediaShareGrantIndex>(index => index.Path == "contracts/acme.pdf").ListAsync(Ct);
        return grants.Any(g => g.DownloadName == name || g.DownloadName == name.Trim());
    });

    // The demo recipe makes no Editor role. Made here as Orchard's Roles admin page makes one: Orchard then gives it the
    // default permissions of every installed feature (their stereotypes), Share media links among them.
    private async Task<IReadOnlyList<string>> CreateEditorRoleAsync() => await _site.InTenantAsync("Default", async services =>
    {
        var roles = services.GetRequiredService<RoleManager<IRole>>();
        if (await roles.FindByNameAsync("Editor") is null)
        {
            var created = await roles.CreateAsync(new global::OrchardCore.Security.Role { RoleName = "Editor", RoleDescription = "Editor" });
            Assert.True(created.Succeeded);
        }

        var editor = await roles.FindByNameAsync("Editor");
        Assert.NotNull(editor);
        var claims = await roles.GetClaimsAsync(editor);
        return (IReadOnlyList<string>)claims.Where(c => c.Type == global::OrchardCore.Security.Permissions.Permission.ClaimType).Select(c => c.Value).ToList();
    });

    private async Task CreateEditorAsync() => await _site.InTenantAsync("Default", async services =>
    {
        var users = services.GetRequiredService<UserManager<IUser>>();
        if (await users.FindByNameAsync(EditorName) is null)
        {
            var result = await users.CreateAsync(new User { UserName = EditorName, Email = "editor-share@example.com", EmailConfirmed = true, IsEnabled = true, RoleNames = ["Editor"] }, EditorPassword);
            Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
        }

        return true;
    });

    // The grant id is the third part of the token: {keyId}.{expiry}.{grantId}.{mac}.
    private static string GrantIdOf(string link) => link[(link.IndexOf("?tt=", StringComparison.Ordinal) + 4)..].Split('.')[2];

    [GeneratedRegex("id=\"timetoken-share-link\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex LinkPattern();
}

/// <summary>The site of the share-link tests: the demo site with a longest link lifetime of 7 days and a PDF to share.</summary>
public sealed class ShareLinksSiteFixture : IAsyncLifetime
{
    /// <summary>A small PDF.</summary>
    public static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n% contract of ACME\n%%EOF\n");

    /// <summary>The site.</summary>
    public OrchardSiteHost Site { get; private set; } = null!;

    /// <inheritdoc />
    public async ValueTask InitializeAsync()
    {
        Site = await OrchardSiteHost.StartAsync(new Dictionary<string, string?>
        {
            ["OrchardCore:OrchardCore_TimeToken:MaxLifetimeSeconds"] = "604800",
        });
        Directory.CreateDirectory(Path.Combine(Site.MediaRoot(), "contracts"));
        await File.WriteAllBytesAsync(Path.Combine(Site.MediaRoot(), "contracts", "acme.pdf"), Pdf);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await Site.DisposeAsync();
}
