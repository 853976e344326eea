using System.Diagnostics;
using System.Net;
using TimeToken.Tests.OrchardSite;

namespace TimeToken.Tests.Farm;

/// <summary>Links and files across the two nodes of the farm: a link made on one node is served by the other.</summary>
[Collection(SharedWebFarm.Name)]
public sealed class FarmLinkTests
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
        FarmLinks.Report($"Farm started and set up in {_farm.StartTime.TotalSeconds:0.0} s ({string.Join(", ", _farm.Timings)}).");
        Assert.Equal(HttpStatusCode.OK, aOnB.StatusCode);
        Assert.Equal(HttpStatusCode.OK, bOnA.StatusCode);
        Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(_farm.MediaRoot, "docs", "report.pdf"), Ct), await aOnB.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal(HttpStatusCode.NotFound, bare.StatusCode);
        Assert.Empty(_farm.A.Problems);
        Assert.Empty(_farm.B.Problems);
    }

    [Fact]
    public async Task FileReplacedThroughAsMediaLibrary_OldLinkRefusedOnBWithinTheBound()
    {
        // Arrange: a file of its own, linked on A and served once by B (so B holds its version in cache).
        using var admin = await FarmAdmin.LogInAsync(_farm.A);
        using var b = _farm.B.CreateAnonymousClient();
        Assert.Equal(HttpStatusCode.OK, await admin.UploadAsync("farm-replace", "notes.pdf", [1, 2, 3]));
        var oldLink = await SignAsync(_farm.A, "farm-replace/notes.pdf");
        using var first = await b.GetAsync(oldLink, Ct);

        // Act: replaced through A's media library (deleted, then uploaded again with other bytes).
        var deleted = await admin.DeleteAsync("farm-replace/notes.pdf");
        var uploaded = await admin.UploadAsync("farm-replace", "notes.pdf", [4, 5, 6, 7]);
        var stopwatch = Stopwatch.StartNew();
        HttpStatusCode status;
        do
        {
            using var answer = await b.GetAsync(oldLink, Ct);
            status = answer.StatusCode;
        }
        while (status == HttpStatusCode.OK && stopwatch.Elapsed < FarmLinks.Patience);

        var refusedAfter = stopwatch.Elapsed;
        var newLink = await SignAsync(_farm.A, "farm-replace/notes.pdf");
        using var fresh = await b.GetAsync(newLink, Ct);

        // Assert: the documented bound on a local or shared folder is 1 s (the version cache of each node).
        FarmLinks.Report($"File replaced through A's media library: its old link refused on B after {refusedAfter.TotalMilliseconds:0} ms.");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, deleted);
        Assert.Equal(HttpStatusCode.OK, uploaded);
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.True(refusedAfter < TimeSpan.FromSeconds(1.5), $"refused after {refusedAfter}");
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        Assert.Equal([4, 5, 6, 7], await fresh.Content.ReadAsByteArrayAsync(Ct));
    }

    // A link made by a node: the media library's own listing signs every file's URL.
    private static async Task<string> SignAsync(FarmNode node, string path)
    {
        using var admin = await FarmAdmin.LogInAsync(node);
        return await admin.MediaUrlAsync(path);
    }
}
