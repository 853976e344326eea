using Microsoft.Playwright;

namespace TimeToken.Tests.OrchardSite;

/// <summary>
/// Debian's Chromium (<c>/usr/bin/chromium</c>, never a downloaded browser) driven by Playwright, logged in to a tenant's
/// admin as the site's administrator, or as an anonymous visitor. CI installs chromium; without it the tests that use
/// this fail.
/// </summary>
public sealed class AdminBrowser : IAsyncDisposable
{
    /// <summary>Debian's Chromium.</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private AdminBrowser(IPlaywright playwright, IBrowser browser, IBrowserContext context, IPage page)
    {
        _playwright = playwright;
        _browser = browser;
        Context = context;
        Page = page;
    }

    /// <summary>The browser context; its <c>APIRequest</c> shares the login cookie.</summary>
    public IBrowserContext Context { get; }

    /// <summary>The page.</summary>
    public IPage Page { get; }

    /// <summary>Starts Chromium and logs in at <paramref name="tenantPath"/> (<c>/</c> or <c>/second/</c>).</summary>
    public static Task<AdminBrowser> LogInAsync(OrchardSiteHost site, string tenantPath)
        => LogInAsync(site, tenantPath, OrchardSiteHost.AdminUserName, OrchardSiteHost.AdminPassword);

    /// <summary>Starts Chromium and logs in at <paramref name="tenantPath"/> as another user.</summary>
    public static async Task<AdminBrowser> LogInAsync(OrchardSiteHost site, string tenantPath, string userName, string password)
    {
        var browser = await StartAsync(site);
        try
        {
            var page = browser.Page;
            await page.GotoAsync(tenantPath + "Login");
            await page.Locator("input[name$='UserName']").FillAsync(userName);
            await page.Locator("input[type='password']").FillAsync(password);
            await page.Locator("form button[type='submit']").First.ClickAsync();
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            Assert.DoesNotContain("/Login", page.Url, StringComparison.Ordinal);
            return browser;
        }
        catch
        {
            await browser.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts Chromium on a blank page, signed in nowhere, as a visitor of the site.</summary>
    public static async Task<AdminBrowser> StartAsync(OrchardSiteHost site)
    {
        Assert.True(File.Exists(ChromiumPath), $"{ChromiumPath} is missing: install Debian's chromium (apt-get install chromium).");
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        var context = await browser.NewContextAsync(new() { BaseURL = site.BaseAddress.ToString(), ViewportSize = new() { Width = 1280, Height = 1000 } });
        var page = await context.NewPageAsync();
        return new AdminBrowser(playwright, browser, context, page);
    }

    /// <summary>Saves a screenshot (the full page, or only what the window shows) under the test output's TestResults folder and returns its path.</summary>
    public async Task<string> ScreenshotAsync(string name, bool fullPage = true)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "TestResults", name + ".png");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await Page.ScreenshotAsync(new() { Path = path, FullPage = fullPage });
        TestContext.Current.TestOutputHelper?.WriteLine("Screenshot: " + path);
        return path;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await Context.DisposeAsync();
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
