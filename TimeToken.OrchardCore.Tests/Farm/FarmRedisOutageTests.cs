using System.Net;
using TimeToken.Tests.OrchardSite;

namespace TimeToken.Tests.Farm;

/// <summary>The farm's own Redis stopped and started again: media keeps being served, slots pause, nothing fails.</summary>
[Collection(SharedPrivateRedisWebFarm.Name)]
public sealed class FarmRedisOutageTests
{
    private readonly PrivateRedisWebFarm _farm;

    public FarmRedisOutageTests(PrivateRedisWebFarm farm)
    {
        _farm = farm;
        _farm.RequireFarm();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RedisStoppedThenBack_MediaServedSlots503ThenSlotsWorkWithoutRestart()
    {
        // Arrange
        using var admin = await FarmAdmin.LogInAsync(_farm.A);
        using var a = _farm.A.CreateAnonymousClient();
        using var b = _farm.B.CreateAnonymousClient();
        var link = (await DemoPage.GetAsync(a)).Url("report");

        // Act: Redis down.
        await _farm.PrivateRedis!.StopAsync();
        using var onB = await b.GetAsync(link, Ct);
        using var onA = await a.GetAsync(link, Ct);
        var (whileDown, _) = await admin.CreateSlotAsync("farm-outage");

        // Redis back, empty (no persistence): no restart of either node.
        await _farm.PrivateRedis.StartAgainAsync();
        var (afterStatus, afterBody) = await RetryAsync(() => admin.CreateSlotAsync("farm-outage"));
        var url = System.Text.Json.JsonDocument.Parse(afterBody).RootElement.GetProperty("url").GetString()!;
        var uploaded = await FarmUploadTests.PostAsync(b, url, new ByteArrayContent([1, 2, 3]), "after.png");

        // Assert
        Assert.Equal(HttpStatusCode.OK, onB.StatusCode);
        Assert.Equal(HttpStatusCode.OK, onA.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, whileDown);
        Assert.True(afterStatus is HttpStatusCode.OK or HttpStatusCode.Created, $"{(int)afterStatus}: {afterBody}");
        Assert.Equal(HttpStatusCode.Created, uploaded);
        Assert.DoesNotContain(_farm.A.Problems.Concat(_farm.B.Problems), p => p.Contains("Kestrel", StringComparison.Ordinal) || p.Contains("Unhandled", StringComparison.OrdinalIgnoreCase));
    }

    // StackExchange.Redis reconnects in the background: the first requests after Redis is back may still find it away.
    private static async Task<(HttpStatusCode, string)> RetryAsync(Func<Task<(HttpStatusCode Status, string Body)>> action)
    {
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var result = await action();
            if (result.Status != HttpStatusCode.ServiceUnavailable || stopwatch.Elapsed > FarmLinks.Patience)
            {
                FarmLinks.Report($"Slots worked again {stopwatch.ElapsedMilliseconds} ms after Redis was back.");
                return result;
            }

            await Task.Delay(100);
        }
    }
}
