using System.Net;
using Microsoft.Playwright;

namespace TimeToken.Tests.OrchardSite;

/// <summary>The module's features switched off and on again from Orchard's admin Features page, on the Second tenant.</summary>
[Collection(SharedOrchardSite.Name)]
public sealed class FeaturesTests
{
    private const string Second = "/second/";
    private readonly OrchardSiteHost _site;

    public FeaturesTests(OrchardSiteFixture fixture)
    {
        _site = fixture.Site;
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task FeaturesPage_DisableThenEnable_GateFollowsTheFeature()
    {
        // Arrange
        using var client = _site.CreateAnonymousClient();
        await using var admin = await AdminBrowser.LogInAsync(_site, Second);
        await admin.Page.GotoAsync(Second + "Admin/Features");
        var uploadSlotsEnabledAtStart = await admin.Page.Locator("#btn-disable-TimeToken_OrchardCore_UploadSlots").IsVisibleAsync();

        // Act: disable the main feature (Orchard asks to confirm, naming the dependent upload slots feature).
        await admin.Page.Locator("#btn-disable-TimeToken_OrchardCore").ClickAsync();
        var dialog = admin.Page.Locator(".modal.show");
        var dialogText = await dialog.TextContentAsync();
        await dialog.GetByText("Yes", new() { Exact = true }).ClickAsync();
        await admin.Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        using var whileOff = await client.GetAsync(Second + "media/docs/report.pdf", Ct);
        var offPage = await DemoPage.GetAsync(client, Second);

        await admin.Page.GotoAsync(Second + "Admin/Features");
        await admin.Page.Locator("#btn-enable-TimeToken_OrchardCore_UploadSlots").ClickAsync();
        await admin.Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        using var whileOn = await client.GetAsync(Second + "media/docs/report.pdf", Ct);
        var onPage = await DemoPage.GetAsync(client, Second);
        using var signed = await client.GetAsync(onPage.Url("report"), Ct);
        await admin.Page.GotoAsync(Second + "Admin/Features");
        var mainEnabled = await admin.Page.Locator("#btn-disable-TimeToken_OrchardCore").IsVisibleAsync();

        // Assert: off, media is Orchard's plain media; on again (enabling upload slots enables its dependency), the gate is back.
        Assert.True(uploadSlotsEnabledAtStart);
        Assert.Contains("Time-token upload slots", dialogText, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, whileOff.StatusCode);
        Assert.Equal("/second/media/docs/report.pdf", offPage.Url("report"));
        Assert.Equal(HttpStatusCode.NotFound, whileOn.StatusCode);
        Assert.StartsWith("/second/media/docs/report.pdf?tt=", onPage.Url("report"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, signed.StatusCode);
        Assert.True(mainEnabled);
        Assert.Empty(_site.Problems);
    }
}
