using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Playwright;

namespace TimeToken.Tests.OrchardSite;

/// <summary>
/// The admin of the real site in Chromium: the Features page, the settings page and the media library. Settings are
/// changed on the Second tenant only, so the media tests keep the Default tenant as the recipe made it.
/// </summary>
[Collection(SharedOrchardSite.Name)]
public sealed class AdminTests
{
    private const string Second = "/second/";
    private readonly OrchardSiteHost _site;

    public AdminTests(OrchardSiteFixture fixture)
    {
        _site = fixture.Site;
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SettingsPage_Save_NewLifetimeSignsTheNextLinks()
    {
        // Arrange
        await using var admin = await AdminBrowser.LogInAsync(_site, Second);
        await admin.Page.GotoAsync(Second + "Admin/Settings/timetoken");
        await admin.ScreenshotAsync("orchard-settings-page");

        // Act
        await admin.Page.Locator("input[name$='.TimeoutSeconds']").FillAsync("900");
        await admin.Page.Locator("button[type='submit'].save, form button[type='submit']").Last.ClickAsync();
        await admin.Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        using var client = _site.CreateAnonymousClient();
        var url = (await DemoPage.GetAsync(client, Second)).Url("report");

        // Assert: the stored value shows again, and the next link expires within 900 s plus the rounding slack.
        Assert.Equal("900", await admin.Page.Locator("input[name$='.TimeoutSeconds']").InputValueAsync());
        var expiry = long.Parse(QueryHelpers.ParseQuery(new Uri(_site.BaseAddress, url).Query)["tt"].ToString().Split('.')[1], CultureInfo.InvariantCulture);
        var now = _site.Time.GetUtcNow().ToUnixTimeSeconds();
        Assert.InRange(expiry - now, 900, 900 + 300);
        Assert.Empty(_site.Problems);
    }

    [Theory]
    [InlineData("TimeoutSeconds", "5")]
    [InlineData("ParameterName", "token")]
    [InlineData("PublicNamespace", "../public/")]
    public async Task SettingsPage_InvalidValue_FieldMessageAndNothingStored(string field, string value)
    {
        // Arrange
        await using var admin = await AdminBrowser.LogInAsync(_site, Second);
        await admin.Page.GotoAsync(Second + "Admin/Settings/timetoken");
        var input = admin.Page.Locator($"input[name$='.{field}']");
        var before = await input.InputValueAsync();

        // Act: the browser's own checks (min, max) are switched off, so the server's answer is what shows.
        await admin.Page.EvaluateAsync("() => document.querySelectorAll('form').forEach(f => f.noValidate = true)");
        await input.FillAsync(value);
        await admin.Page.Locator("form button[type='submit']").Last.ClickAsync();
        await admin.Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        var message = await admin.Page.Locator($"span[data-valmsg-for$='.{field}']").TextContentAsync();
        await admin.Page.GotoAsync(Second + "Admin/Settings/timetoken");

        // Assert
        Assert.False(string.IsNullOrWhiteSpace(message), $"no message for {field}");
        Assert.Equal(before, await admin.Page.Locator($"input[name$='.{field}']").InputValueAsync());
    }

    [Fact]
    public async Task SettingsPage_RotateKey_NewKeyIdAndOldLinksStillServed()
    {
        // Arrange
        using var client = _site.CreateAnonymousClient();
        var oldUrl = (await DemoPage.GetAsync(client, Second)).Url("report");
        await using var admin = await AdminBrowser.LogInAsync(_site, Second);
        await admin.Page.GotoAsync(Second + "Admin/Settings/timetoken");

        // Act
        await admin.Page.Locator("input[type='checkbox'][name$='.RotateKey']").CheckAsync();
        await admin.Page.Locator("input[type='checkbox'][name$='.ConfirmRotateKey']").CheckAsync();
        await admin.Page.Locator("form button[type='submit']").Last.ClickAsync();
        await admin.Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        var newUrl = (await DemoPage.GetAsync(client, Second)).Url("report");
        using var oldResponse = await client.GetAsync(oldUrl, Ct);
        using var newResponse = await client.GetAsync(newUrl, Ct);

        // Assert: the token's first part is the key id.
        static string KeyId(string url) => url.Split("tt=")[1].Split('.')[0];
        Assert.NotEqual(KeyId(oldUrl), KeyId(newUrl));
        Assert.Contains(KeyId(newUrl), await admin.Page.ContentAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, oldResponse.StatusCode);
        Assert.Equal(HttpStatusCode.OK, newResponse.StatusCode);
        Assert.Empty(_site.Problems);
    }
}
