using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.WebUtilities;

namespace TimeToken.Tests.OrchardSite;

/// <summary>
/// Overrides in Orchard's convention: the section <c>OrchardCore_TimeToken</c> of the tenant configuration, which Orchard
/// builds from the app configuration's <c>OrchardCore</c> section and then the tenant's own <c>OrchardCore:{tenant}</c>
/// section (environment variables <c>OrchardCore__OrchardCore_TimeToken__…</c>).
/// </summary>
[Collection(SharedOrchardSite.Name)]
public sealed class ConfigurationOverrideTests : IAsyncLifetime
{
    private OrchardSiteHost _site = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // Orchard reads a tenant's own section when it loads the tenant's settings at start-up, so the overrides are set
    // on a site that was set up without them and then restarted.
    public async ValueTask InitializeAsync()
    {
        var site = await OrchardSiteHost.StartAsync();
        _site = await site.RestartAsync(new Dictionary<string, string?>
        {
            ["OrchardCore:OrchardCore_TimeToken:TimeoutSeconds"] = "120",
            ["OrchardCore:OrchardCore_TimeToken:ParameterName"] = "sig",
            ["OrchardCore:Second:OrchardCore_TimeToken:ParameterName"] = "key",
            ["OrchardCore:Second:OrchardCore_TimeToken:FailureStatusCode"] = "410",
        });
    }

    public async ValueTask DisposeAsync() => await _site.DisposeAsync();

    [Fact]
    public async Task Render_AppAndTenantOverrides_WinOverTheSettingsPage()
    {
        // Arrange
        using var client = _site.CreateAnonymousClient();

        // Act
        var first = (await DemoPage.GetAsync(client)).Url("report");
        var second = (await DemoPage.GetAsync(client, "/second/")).Url("report");
        using var firstServed = await client.GetAsync(first, Ct);
        using var secondServed = await client.GetAsync(second, Ct);
        using var secondRefused = await client.GetAsync("/second/media/docs/report.pdf", Ct);

        // Assert: both tenants take the app-wide lifetime; each its own parameter; the Second tenant its own status.
        var query = QueryHelpers.ParseQuery(new Uri(_site.BaseAddress, first).Query);
        var expiry = long.Parse(query["sig"].ToString().Split('.')[1], CultureInfo.InvariantCulture);
        Assert.InRange(expiry - _site.Time.GetUtcNow().ToUnixTimeSeconds(), 120, 120 + 300);
        Assert.StartsWith("/second/media/docs/report.pdf?key=", second, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, firstServed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, secondServed.StatusCode);
        Assert.Equal(HttpStatusCode.Gone, secondRefused.StatusCode);
        Assert.Empty(_site.Problems);
    }

    [Fact]
    public async Task SettingsPage_OverriddenFields_ShownLockedWithTheirValues()
    {
        // Arrange
        await using var admin = await AdminBrowser.LogInAsync(_site, "/second/");

        // Act
        await admin.Page.GotoAsync("/second/Admin/Settings/timetoken");
        var timeout = admin.Page.Locator("input[name$='.TimeoutSeconds']");
        var parameter = admin.Page.Locator("input[name$='.ParameterName']");
        var publicFolder = admin.Page.Locator("input[name$='.PublicNamespace']");
        await admin.ScreenshotAsync("orchard-settings-page-locked");

        // Assert
        Assert.Equal(("120", true), (await timeout.InputValueAsync(), await timeout.IsDisabledAsync()));
        Assert.Equal(("key", true), (await parameter.InputValueAsync(), await parameter.IsDisabledAsync()));
        Assert.False(await publicFolder.IsDisabledAsync());
        Assert.Equal(3, await admin.Page.GetByText("Set by the configuration (OrchardCore_TimeToken); change it there.").CountAsync());
    }
}
