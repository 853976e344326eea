using System.Net;
using TimeToken.Tests.OrchardSite;

namespace TimeToken.Tests.Farm;

/// <summary>Links and files across the two nodes of the farm: a link made on one node is served by the other.</summary>
public sealed class FarmLinkTests : IClassFixture<WebFarm>
{
    private readonly WebFarm _farm;

    public FarmLinkTests(WebFarm farm)
    {
        _farm = farm;
        _farm.RequireFarm();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SignedLink_MadeOnEitherNode_ServedByTheOther()
    {
        // Arrange
        using var a = _farm.A.CreateAnonymousClient();
        using var b = _farm.B.CreateAnonymousClient();
        var fromA = (await DemoPage.GetAsync(a)).Url("report");
        var fromB = (await DemoPage.GetAsync(b)).Url("report");

        // Act
        using var aOnB = await b.GetAsync(fromA, Ct);
        using var bOnA = await a.GetAsync(fromB, Ct);
        using var bare = await b.GetAsync(fromA.Split('?')[0], Ct);

        // Assert: one key ring (site settings in the shared database, decrypted with the Data Protection keys in
        // Redis), one media folder.
        TestContext.Current.TestOutputHelper?.WriteLine($"Farm started and set up in {_farm.StartTime.TotalSeconds:0.0} s.");
        Assert.Equal(HttpStatusCode.OK, aOnB.StatusCode);
        Assert.Equal(HttpStatusCode.OK, bOnA.StatusCode);
        Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(_farm.MediaRoot, "docs", "report.pdf"), Ct), await aOnB.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal(HttpStatusCode.NotFound, bare.StatusCode);
        Assert.Empty(_farm.A.Problems);
        Assert.Empty(_farm.B.Problems);
    }
}
