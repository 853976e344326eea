using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using TimeToken.Tests.TestSupport;

namespace TimeToken.Tests.OrchardSite;

/// <summary>
/// What a newcomer sees on the sample site, in Chromium: Orchard's TheTheme with the recipe's main menu, and the demo
/// page's table of links (what made each, its countdown, its variant without the token) and upload form.
/// </summary>
[Collection(SharedOrchardSite.Name)]
public sealed partial class DemoPageBrowserTests
{
    // The main menu of the recipe, as (text, href), for a visitor and for the administrator of each tenant.
    private static readonly (string, string)[] _visitorMenu = [("Home", "/"), ("Rich text", "/rich-text"), ("Second tenant", "/second/")];
    private static readonly (string, string)[] _secondVisitorMenu = [("Home", "/second/"), ("Rich text", "/second/rich-text"), ("Second tenant", "/second/")];
    private static readonly (string, string)[] _adminMenu = [.. _visitorMenu, ("Time tokens", "/Admin/Settings/timetoken"), ("Media library", "/Admin/Media")];

    // The five links of the page's Liquid and the two of its media field, in the table's order.
    private static readonly string[] _linkIds = ["report", "report-short", "photo", "photo-small", "logo", "field-0", "field-1"];

    private readonly OrchardSiteHost _site;

    public DemoPageBrowserTests(OrchardSiteFixture fixture)
    {
        _site = fixture.Site;
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task HomePage_Anonymous_ThemeMenuAndLogInLink()
    {
        // Arrange: the browser's clock is the site's, so the screenshot shows the countdowns as a visitor sees them.
        await using var browser = await AdminBrowser.StartAsync(_site);
        await browser.Page.Clock.InstallAsync(new() { TimeDate = _site.Time.GetUtcNow().UtcDateTime });

        // Act
        await browser.Page.GotoAsync("/");
        await browser.Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        var menu = await MainMenuAsync(browser.Page);
        var themeRules = await browser.Page.EvaluateAsync<int>(
            "() => [...document.styleSheets].filter(s => (s.href || '').includes('/TheTheme/styles/')).reduce((n, s) => n + s.cssRules.length, 0)");
        var logIn = browser.Page.Locator("nav.navbar a[href='/Login']");
        var logInText = await logIn.TextContentAsync();
        var uploadForms = await browser.Page.Locator("#upload-form").CountAsync();
        var uploadLine = await browser.Page.Locator("#upload-login").TextContentAsync();
        await browser.ScreenshotAsync("orchard-home", fullPage: false);
        await browser.Page.GetByRole(AriaRole.Link, new() { Name = "Second tenant", Exact = true }).ClickAsync();
        await browser.Page.WaitForURLAsync("**/second/");
        var secondMenu = await MainMenuAsync(browser.Page);

        // Assert: the theme's stylesheet is loaded; the admin's items are hidden; Orchard's menu resolves "~/" per tenant.
        Assert.True(themeRules > 0, "TheTheme's stylesheet is not loaded");
        Assert.Equal(_visitorMenu, menu);
        Assert.Equal("Log in", logInText?.Trim());
        Assert.Equal(0, uploadForms);
        Assert.Contains("Log in", uploadLine, StringComparison.Ordinal);
        Assert.Equal(_secondVisitorMenu, secondMenu);
        Assert.Empty(_site.Problems);
    }

    [Fact]
    public async Task DemoPage_BrowserClockAdvances_CountdownFollowsTheTokenExpiry()
    {
        // Arrange: the browser's clock starts at the site's, so the page counts down from the time the links were made.
        await using var browser = await AdminBrowser.StartAsync(_site);
        var start = _site.Time.GetUtcNow();
        await browser.Page.Clock.InstallAsync(new() { TimeDate = start.UtcDateTime });
        await browser.Page.GotoAsync("/");
        var expiry = ExpiryOf(await browser.Page.Locator("#report-short").GetAttributeAsync("href"));
        var countdown = browser.Page.Locator("tr:has(#report-short) .timetoken-countdown");
        var untilText = await browser.Page.Locator("tr:has(#report-short) .timetoken-left small").TextContentAsync();

        // Act: the page's timer ticks once a second of the browser's clock; nothing waits for real time.
        await browser.Page.Clock.PauseAtAsync(start.AddSeconds(20).UtcDateTime);
        var first = await SecondsLeftAsync(countdown);
        var firstText = await countdown.TextContentAsync();
        await browser.Page.Clock.RunForAsync(10_000);
        var later = await SecondsLeftAsync(countdown);
        var laterText = await countdown.TextContentAsync();
        await browser.Page.Clock.RunForAsync((later + 1) * 1000);
        var endText = await countdown.TextContentAsync();
        var endRowClass = await browser.Page.Locator("tr:has(#report-short)").GetAttributeAsync("class");

        // Assert: the last tick before start + 20 s lies in the second before it, so its whole seconds are 19 or 20.
        var left = expiry - start.ToUnixTimeSeconds();
        Assert.InRange(left, 60, 60 + 6);
        Assert.InRange(first, left - 20, left - 19);
        Assert.Equal(first - 10, later);
        Assert.Equal(Minutes(first), firstText);
        Assert.Equal(Minutes(later), laterText);
        Assert.Equal("until " + DateTimeOffset.FromUnixTimeSeconds(expiry).ToString("HH:mm:ss", CultureInfo.InvariantCulture) + " UTC", untilText);
        Assert.Equal("expired", endText);
        Assert.Contains("table-danger", endRowClass, StringComparison.Ordinal);
        Assert.Empty(_site.Problems);
    }

    [Fact]
    public async Task DemoPage_OpenWithoutToken_EveryVariantIsTheLinkWithoutItsTokenAndRefused()
    {
        // Arrange
        using var client = _site.CreateAnonymousClient();
        await using var browser = await AdminBrowser.StartAsync(_site);
        await browser.Page.GotoAsync("/");
        var rows = await browser.Page.Locator("#timetoken-links tr.timetoken-link").EvaluateAllAsync<string[][]>(
            """rows => rows.map(r => { const e = r.cells[0].querySelector('a, img'); const u = r.querySelector('a.timetoken-unsigned-link'); return [e.id, e.getAttribute('href') || e.getAttribute('src'), u ? u.getAttribute('href') : r.querySelector('.timetoken-unsigned').textContent]; })""");
        var unsignedReport = browser.Page.Locator("tr:has(#report) a.timetoken-unsigned-link");

        // Act
        var clicked = await browser.Page.RunAndWaitForResponseAsync(() => unsignedReport.ClickAsync(), r => new Uri(r.Url).AbsolutePath == "/media/docs/report.pdf");
        var answers = new List<(string Id, HttpStatusCode Signed, HttpStatusCode Unsigned)>();
        foreach (var row in rows.Where(r => r[0] != "logo"))
        {
            using var signed = await client.GetAsync(row[1], Ct);
            using var unsigned = await client.GetAsync(row[2], Ct);
            answers.Add((row[0], signed.StatusCode, unsigned.StatusCode));
        }

        // Assert: the five links of the Liquid and the two of the media field; only the public logo has no variant.
        Assert.Equal(_linkIds, rows.Select(r => r[0]));
        Assert.All(rows.Where(r => r[0] != "logo"), r => Assert.Equal(WithoutToken(r[1]), r[2]));
        Assert.Equal("needs none", rows.Single(r => r[0] == "logo")[2]);
        Assert.Equal("/media/docs/report.pdf", rows.Single(r => r[0] == "report")[2]);
        Assert.Equal(404, clicked.Status);
        Assert.All(answers, a => Assert.Equal((a.Id, HttpStatusCode.OK, HttpStatusCode.NotFound), a));
        Assert.Empty(_site.Problems);
    }

    [Fact]
    public async Task DemoPage_UploadAsAdmin_FileStoredThroughASlotAndAdminLinksInTheMenu()
    {
        // Arrange
        var png = await File.ReadAllBytesAsync(Path.Combine(RepositoryPaths.Root, "samples", "TimeToken.OrchardCore.Site", "Recipes", "media", "public", "logo.png"), Ct);
        await using var admin = await AdminBrowser.LogInAsync(_site, "/");
        await admin.Page.Clock.InstallAsync(new() { TimeDate = _site.Time.GetUtcNow().UtcDateTime });
        await admin.Page.GotoAsync("/");
        var menu = await MainMenuAsync(admin.Page);

        // Act: the page asks the JSON API for a slot (with the antiforgery token), then posts the file to the slot.
        await admin.Page.Locator("#upload-file").SetInputFilesAsync(new FilePayload { Name = "from-demo-page.png", MimeType = "image/png", Buffer = png });
        await admin.Page.Locator("#upload-button").ClickAsync();
        await admin.Page.Locator("#upload-status.text-danger, #upload-status.text-success:text-is('Uploaded.')").WaitForAsync();
        var status = await admin.Page.Locator("#upload-status").TextContentAsync();
        var result = await admin.Page.Locator("#upload-result").TextContentAsync();
        var slotUrl = await admin.Page.Locator("#slot-url").TextContentAsync();
        await admin.Page.EvaluateAsync("() => window.scrollTo(0, 0)");
        await admin.ScreenshotAsync("orchard-demo-page");
        await admin.Page.GetByRole(AriaRole.Link, new() { Name = "Time tokens", Exact = true }).ClickAsync();
        await admin.Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        var settingsUrl = new Uri(admin.Page.Url).AbsolutePath;
        var timeoutFields = await admin.Page.Locator("input[name$='.TimeoutSeconds']").CountAsync();

        // Assert
        Assert.Equal(_adminMenu, menu);
        Assert.Equal("Uploaded.", status);
        Assert.StartsWith("/timetoken/upload/", slotUrl, StringComparison.Ordinal);
        Assert.StartsWith("201\n", result, StringComparison.Ordinal);
        Assert.Contains("\"path\": \"uploads/from-demo-page.png\"", result, StringComparison.Ordinal);
        Assert.Equal(png, await File.ReadAllBytesAsync(Path.Combine(_site.MediaRoot(), "uploads", "from-demo-page.png"), Ct));
        Assert.Equal("/Admin/Settings/timetoken", settingsUrl);
        Assert.Equal(1, timeoutFields);
        Assert.Empty(_site.Problems);
    }

    private static async Task<(string Text, string Href)[]> MainMenuAsync(IPage page)
    {
        var links = await page.Locator("nav.navbar ul.menu-main-menu > li > a").EvaluateAllAsync<string[][]>(
            "links => links.map(a => [a.textContent.trim(), a.getAttribute('href')])");
        return [.. links.Select(l => (l[0], l[1]))];
    }

    private static async Task<long> SecondsLeftAsync(ILocator countdown)
        => long.Parse(await countdown.GetAttributeAsync("data-seconds-left") ?? "-1", CultureInfo.InvariantCulture);

    private static long ExpiryOf(string? url)
        => long.Parse(TokenExpiry().Match(url ?? string.Empty).Groups[1].Value, CultureInfo.InvariantCulture);

    // The page's format: m:ss below an hour.
    private static string Minutes(long seconds) => $"{seconds / 60}:{seconds % 60:00}";

    // The URL without its tt parameter; the parameter after it, if any, takes its place after the '?'.
    private static string WithoutToken(string url)
    {
        var rest = TokenParameter().Replace(url, string.Empty);
        var amp = rest.IndexOf('&', StringComparison.Ordinal);
        return rest.Contains('?', StringComparison.Ordinal) || amp < 0 ? rest : rest[..amp] + "?" + rest[(amp + 1)..];
    }

    [GeneratedRegex(@"[?&]tt=[^.&]+\.(\d+)\.")]
    private static partial Regex TokenExpiry();

    [GeneratedRegex(@"[?&]tt=[^&]*")]
    private static partial Regex TokenParameter();
}
