using System.Diagnostics;
using System.Globalization;
using System.Net;
using TimeToken.Tests.OrchardSite;

namespace TimeToken.Tests.Farm;

/// <summary>
/// Settings saved on node A reach node B (Orchard's distributed tenants reload the tenant there): how long it takes,
/// and that no link is refused meanwhile. Each test puts the setting back.
/// </summary>
[Collection(SharedWebFarm.Name)]
public sealed class FarmSettingsTests
{
    private readonly WebFarm _farm;

    public FarmSettingsTests(WebFarm farm)
    {
        _farm = farm;
        _farm.RequireFarm();
    }

    [Fact]
    public async Task Lifetime_SavedOnA_AppliesOnB()
    {
        // Arrange
        using var admin = await FarmAdmin.LogInAsync(_farm.A);
        using var b = _farm.B.CreateAnonymousClient();

        // Act
        var saved = await admin.SaveSettingsAsync(new Dictionary<string, string> { ["TimeoutSeconds"] = "900" });
        var delay = await WaitAsync(b, page => Lifetime(page.Url("report")) <= 900 + 300);
        await admin.SaveSettingsAsync(new Dictionary<string, string> { ["TimeoutSeconds"] = "3600" });

        // Assert: the token's second part is its expiry (Unix seconds), rounded up by at most 300 s.
        FarmLinks.Report($"Lifetime saved on A, applied on B after {delay.TotalMilliseconds:0} ms.");
        Assert.Equal(HttpStatusCode.Redirect, saved);
        Assert.True(delay < FarmLinks.Patience, "B never signed with the new lifetime");
    }

    [Fact]
    public async Task PublicFolder_SavedOnA_AppliesOnB()
    {
        // Arrange
        using var admin = await FarmAdmin.LogInAsync(_farm.A);
        using var b = _farm.B.CreateAnonymousClient();

        // Act: "public/" is no longer public, so its files need a token on B too.
        var saved = await admin.SaveSettingsAsync(new Dictionary<string, string> { ["PublicNamespace"] = "open/" });
        var delay = await WaitAsync(b, page => page.Url("logo").Contains("tt=", StringComparison.Ordinal));
        using var bare = await b.GetAsync("/media/public/logo.png", TestContext.Current.CancellationToken);
        await admin.SaveSettingsAsync(new Dictionary<string, string> { ["PublicNamespace"] = "public/" });

        // Assert
        FarmLinks.Report($"Public folder saved on A, applied on B after {delay.TotalMilliseconds:0} ms.");
        Assert.Equal(HttpStatusCode.Redirect, saved);
        Assert.True(delay < FarmLinks.Patience, "B never applied the new public folder");
        Assert.Equal(HttpStatusCode.NotFound, bare.StatusCode);
    }

    // How long until B's demo page shows the change.
    private static async Task<TimeSpan> WaitAsync(HttpClient node, Func<DemoPage, bool> applied)
    {
        var stopwatch = Stopwatch.StartNew();
        while (stopwatch.Elapsed < FarmLinks.Patience)
        {
            if (applied(await DemoPage.GetAsync(node)))
            {
                return stopwatch.Elapsed;
            }

            await Task.Delay(20);
        }

        return stopwatch.Elapsed;
    }

    private static long Lifetime(string url)
        => long.Parse(FarmLinks.Query(url, "tt")!.Split('.')[1], CultureInfo.InvariantCulture) - DateTimeOffset.UtcNow.ToUnixTimeSeconds();
}
