using System.Buffers.Binary;
using System.Net;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using OrchardCore.Environment.Shell;
using OrchardCore.Media;

namespace TimeToken.Tests.OrchardSite;

/// <summary>
/// No token in the logs: once the gate has accepted a link, nothing after it (Orchard's media pipeline, ImageSharp's
/// resizing, static files) sees the token, and Orchard's own resize token still validates.
/// </summary>
[Collection(SharedOrchardSite.Name)]
public sealed class TokenLogTests
{
    /// <summary>
    /// ASP.NET Core's request logging ("Request starting … ?tt=…", Information) runs before any middleware, the gate
    /// included, so it is the one category left out of the count; the README says how to keep tokens out of it.
    /// </summary>
    private const string RequestLogging = "Microsoft.AspNetCore.Hosting.Diagnostics";

    private readonly OrchardSiteHost _site;

    public TokenLogTests(OrchardSiteFixture fixture)
    {
        _site = fixture.Site;
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string ResizeCache => Path.Combine(_site.AppData, "Sites", ShellSettings.DefaultShellName, "is-cache");

    [Fact]
    public async Task SignedAndResizedRequests_EveryLogLevel_NoTokenAfterTheGate()
    {
        // Arrange
        using var client = _site.CreateAnonymousClient();
        using var capture = _site.CaptureLogs();
        var page = await DemoPage.GetAsync(client);
        var small = page.Url("photo-small");

        // Act: a file, an image, the resized image, the same size through a second link, and a second size.
        using var report = await client.GetAsync(page.Url("report"), Ct);
        using var photo = await client.GetAsync(page.Url("photo"), Ct);
        var (smallStatus, smallSize) = await GetImageAsync(client, small);
        var cachedOnce = CachedImages();
        _site.Time.Advance(TimeSpan.FromSeconds(301));
        var smallAgain = (await DemoPage.GetAsync(client)).Url("photo-small");
        var (againStatus, againSize) = await GetImageAsync(client, smallAgain);
        var cachedAfterSecondLink = CachedImages();
        var otherSize = await _site.InTenantAsync(ShellSettings.DefaultShellName, services =>
            Task.FromResult(services.GetRequiredService<IMediaTokenService>().AddTokenToPath(page.Url("photo") + "&width=64")));
        var (otherStatus, otherImageSize) = await GetImageAsync(client, otherSize);
        var cachedAfterOtherSize = CachedImages();
        var logs = _site.Logs.ToList();

        // Assert: Orchard's resize token validated (else the original 320 x 200 comes back), one cache entry per size.
        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        Assert.Equal(HttpStatusCode.OK, photo.StatusCode);
        Assert.Equal((HttpStatusCode.OK, (80, 50)), (smallStatus, smallSize));
        Assert.Equal((HttpStatusCode.OK, (80, 50)), (againStatus, againSize));
        Assert.Equal((HttpStatusCode.OK, (64, 40)), (otherStatus, otherImageSize));
        Assert.NotEqual(Token(small), Token(smallAgain));
        Assert.Equal(cachedOnce, cachedAfterSecondLink);
        Assert.Equal(cachedOnce + 1, cachedAfterOtherSize);

        // Assert: the MAC of every link used, looked for in every line of every level and category.
        string[] macs = [.. new[] { page.Url("report"), page.Url("photo"), small, smallAgain, otherSize }.Select(u => Token(u)[^43..])];
        var withToken = logs.Where(line => macs.Any(mac => line.Contains(mac, StringComparison.Ordinal))).ToList();
        Assert.DoesNotContain(withToken, line => !line.Contains(" " + RequestLogging + "[", StringComparison.Ordinal));
        Assert.NotEmpty(withToken);
        Assert.Contains(logs, line => line.Contains("ImageSharp", StringComparison.Ordinal) && line.Contains("harbour.png", StringComparison.Ordinal));
    }

    private static string Token(string url) => QueryHelpers.ParseQuery(new Uri(new Uri("http://localhost"), url).Query)["tt"].ToString();

    private int CachedImages() =>
        Directory.Exists(ResizeCache) ? Directory.GetFiles(ResizeCache, "*.png", SearchOption.AllDirectories).Length : 0;

    private static async Task<(HttpStatusCode Status, (int Width, int Height) Size)> GetImageAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url, Ct);
        var png = await response.Content.ReadAsByteArrayAsync(Ct);
        return (response.StatusCode, png.Length < 24 ? default : (BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20))));
    }
}
