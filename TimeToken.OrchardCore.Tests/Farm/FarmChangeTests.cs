using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using TimeToken.Tests.OrchardSite;

namespace TimeToken.Tests.Farm;

/// <summary>
/// A key rotation or a new token parameter name saved on node A, while links made by either node are requested from
/// the other without a pause: after a rotation no valid link is refused because the nodes disagree for a moment.
/// </summary>
[Collection(SharedWebFarm.Name)]
public sealed class FarmChangeTests
{
    private readonly WebFarm _farm;

    public FarmChangeTests(WebFarm farm)
    {
        _farm = farm;
        _farm.RequireFarm();
    }

    [Fact]
    public async Task KeyRotation_OnA_NoLinkRefusedOnEitherNode()
    {
        // Arrange
        using var admin = await FarmAdmin.LogInAsync(_farm.A);
        using var b = _farm.B.CreateAnonymousClient();
        var before = KeyId((await DemoPage.GetAsync(b)).Url("report"));

        // Act
        var (results, saved, applied) = await ProbeAsync(
            () => admin.SaveSettingsAsync(new Dictionary<string, string> { ["RotateKey"] = "true", ["ConfirmRotateKey"] = "true" }),
            page => KeyId(page.Url("report")) != before);

        // Assert
        Report("Key rotation", results, applied);
        Assert.Equal(HttpStatusCode.Redirect, saved);
        Assert.True(applied < FarmLinks.Patience, "B never signed with the new key");
        Assert.Contains(results, r => r.FromA && KeyId(r.Url) != before && r.Status == HttpStatusCode.OK);
        Assert.DoesNotContain(results, r => r.Status != HttpStatusCode.OK);
    }

    [Fact]
    public async Task ParameterName_ChangedOnA_AppliesOnBAndEveryLinkServedOnceBothApplied()
    {
        // Arrange
        using var admin = await FarmAdmin.LogInAsync(_farm.A);

        // Act
        var (results, saved, applied) = await ProbeAsync(
            () => admin.SaveSettingsAsync(new Dictionary<string, string> { ["ParameterName"] = "sig" }),
            page => FarmLinks.Query(page.Url("report"), "sig") is not null);
        await admin.SaveSettingsAsync(new Dictionary<string, string> { ["ParameterName"] = "tt" });
        var restored = await WaitUntilBAsync(page => FarmLinks.Query(page.Url("report"), "tt") is not null);

        // Assert: until B reloads the tenant it refuses A's links with the new name (reported, a known limit); from
        // then on every link of either node is served by the other.
        Report("Parameter name change", results, applied);
        Assert.Equal(HttpStatusCode.Redirect, saved);
        Assert.True(applied < FarmLinks.Patience, "B never signed with the new parameter name");
        Assert.Contains(results, r => r.FromA && FarmLinks.Query(r.Url, "sig") is not null && r.Status == HttpStatusCode.OK);
        Assert.DoesNotContain(results, r => r.SignedAt > applied && r.Status != HttpStatusCode.OK);
        Assert.True(restored, "B never signed with the restored parameter name");
    }

    // Waits, at most FarmLinks.Patience, until B's demo page shows a change saved on A, so that the next test of the
    // farm starts with both nodes agreeing.
    private async Task<bool> WaitUntilBAsync(Func<DemoPage, bool> appliedOnB)
    {
        using var b = _farm.B.CreateAnonymousClient();
        var clock = Stopwatch.StartNew();
        while (!appliedOnB(await DemoPage.GetAsync(b)))
        {
            if (clock.Elapsed > FarmLinks.Patience)
            {
                return false;
            }

            await Task.Delay(20);
        }

        return true;
    }

    private static string KeyId(string url) => (FarmLinks.Query(url, "tt") ?? FarmLinks.Query(url, "sig") ?? string.Empty).Split('.')[0];

    private static void Report(string change, IReadOnlyCollection<Probe> results, TimeSpan applied)
    {
        var refused = results.Where(r => r.Status != HttpStatusCode.OK).ToList();
        foreach (var probe in refused)
        {
            FarmLinks.Report($"refused: {(probe.FromA ? "A's link on B" : "B's link on A")}, {(int)probe.Status}, signed {probe.SignedAt.TotalMilliseconds:0} ms after the save");
        }

        FarmLinks.Report($"{change} saved on A: B signed the new way after {applied.TotalMilliseconds:0} ms; {results.Count} links tried across nodes, {refused.Count} refused"
            + (refused.Count > 0 ? $" (links signed from {refused.Min(r => r.SignedAt).TotalMilliseconds:0} ms to {refused.Max(r => r.SignedAt).TotalMilliseconds:0} ms after the save)." : "."));
    }

    // Links of A's page requested on B and of B's page on A, without a pause, from before the save until 1.5 s after
    // B's own page shows the change.
    private async Task<(IReadOnlyCollection<Probe> Results, HttpStatusCode Saved, TimeSpan Applied)> ProbeAsync(Func<Task<HttpStatusCode>> save, Func<DemoPage, bool> appliedOnB)
    {
        var results = new ConcurrentQueue<Probe>();
        var clock = new Stopwatch();
        using var stop = new CancellationTokenSource();
        async Task RunAsync(FarmNode signer, FarmNode server, bool fromA)
        {
            using var signing = signer.CreateAnonymousClient();
            using var serving = server.CreateAnonymousClient();
            while (!stop.IsCancellationRequested)
            {
                var signedAt = clock.Elapsed;
                var page = await DemoPage.GetAsync(signing);
                foreach (var url in new[] { page.Url("report"), page.Url("photo") })
                {
                    using var answer = await serving.GetAsync(url, HttpCompletionOption.ResponseHeadersRead);
                    results.Enqueue(new Probe(fromA, url, answer.StatusCode, signedAt));
                }
            }
        }

        var probes = new[] { RunAsync(_farm.A, _farm.B, fromA: true), RunAsync(_farm.A, _farm.B, fromA: true), RunAsync(_farm.B, _farm.A, fromA: false) };
        await Task.Delay(300);
        clock.Start();
        var saved = await save();
        FarmLinks.Report($"The save answered after {clock.ElapsedMilliseconds} ms.");
        using var b = _farm.B.CreateAnonymousClient();
        while (!appliedOnB(await DemoPage.GetAsync(b)) && clock.Elapsed < FarmLinks.Patience)
        {
            await Task.Delay(20);
        }

        var applied = clock.Elapsed;
        await Task.Delay(1500);
        await stop.CancelAsync();
        await Task.WhenAll(probes);
        return (results, saved, applied);
    }

    // SignedAt: when the page holding the link was asked for, from the save.
    private sealed record Probe(bool FromA, string Url, HttpStatusCode Status, TimeSpan SignedAt);
}
