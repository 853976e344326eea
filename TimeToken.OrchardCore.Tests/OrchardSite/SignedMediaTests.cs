using System.Buffers.Binary;
using System.Net;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using OrchardCore.Media;
using TimeToken.Tests.TestSupport;

namespace TimeToken.Tests.OrchardSite;

/// <summary>
/// Media URLs as the real site renders them (Liquid <c>asset_url</c>, <c>resize_url</c>, <c>signed_media_url</c>, and
/// Orchard's Razor <c>Orchard.AssetUrl</c> in the media field template), fetched over Kestrel through the gate, Orchard's
/// Media pipeline and ImageSharp.
/// </summary>
[Collection(SharedOrchardSite.Name)]
public sealed class SignedMediaTests
{
    private readonly OrchardSiteHost _site;

    public SignedMediaTests(OrchardSiteFixture fixture)
    {
        _site = fixture.Site;
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string RecipeFile(string path) => Path.Combine(RepositoryPaths.Root, "samples", "TimeToken.OrchardCore.Site", "Recipes", "media", path);

    [Theory]
    [InlineData("report", "docs/report.pdf", "application/pdf")]
    [InlineData("report-short", "docs/report.pdf", "application/pdf")]
    [InlineData("photo", "photos/harbour.png", "image/png")]
    public async Task Get_DemoPageLink_SignedAndServesTheFile(string id, string path, string contentType)
    {
        // Arrange
        using var client = _site.CreateAnonymousClient();
        var url = (await DemoPage.GetAsync(client)).Url(id);

        // Act
        using var response = await client.GetAsync(url, Ct);

        // Assert
        Assert.StartsWith("/media/" + path + "?tt=", url, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(contentType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(await File.ReadAllBytesAsync(RecipeFile(path), Ct), await response.Content.ReadAsByteArrayAsync(Ct));
        Assert.True(response.Headers.CacheControl?.Private, response.Headers.CacheControl?.ToString());
        Assert.Empty(_site.Problems);
    }

    [Fact]
    public async Task Get_ResizeUrl_ServesTheImageResizedBehindTheGate()
    {
        // Arrange
        using var client = _site.CreateAnonymousClient();
        var url = (await DemoPage.GetAsync(client)).Url("photo-small");
        var query = QueryHelpers.ParseQuery(new Uri(_site.BaseAddress, url).Query);

        // Act
        using var response = await client.GetAsync(url, Ct);
        var png = await response.Content.ReadAsByteArrayAsync(Ct);

        // Assert: Orchard's width and resize token next to ours; the PNG header says 80 x 50 (the original is 320 x 200).
        Assert.Equal("80", query["width"].ToString());
        Assert.Single(query["token"]);
        Assert.Single(query["tt"]);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal((80, 50), (BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20))));
        Assert.Empty(_site.Problems);
    }

    [Fact]
    public async Task Get_MediaFieldUrls_SignedByOrchardAssetUrlAndServed()
    {
        // Arrange
        using var client = _site.CreateAnonymousClient();
        var urls = (await DemoPage.GetAsync(client)).MediaFieldUrls();

        // Act
        var statuses = new List<HttpStatusCode>();
        foreach (var url in urls)
        {
            using var response = await client.GetAsync(url, Ct);
            statuses.Add(response.StatusCode);
        }

        // Assert: Orchard's MediaField.cshtml renders each path with Orchard.AssetUrl(path).
        Assert.Equal(2, urls.Count);
        Assert.StartsWith("/media/photos/harbour.png?tt=", urls[0], StringComparison.Ordinal);
        Assert.StartsWith("/media/docs/report.pdf?tt=", urls[1], StringComparison.Ordinal);
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK], statuses);
    }

    [Fact]
    public async Task Get_PublicFolder_PlainUrlServed()
    {
        // Arrange
        using var client = _site.CreateAnonymousClient();
        var url = (await DemoPage.GetAsync(client)).Url("logo");

        // Act
        using var response = await client.GetAsync(url, Ct);

        // Assert
        Assert.Equal("/media/public/logo.png", url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(await File.ReadAllBytesAsync(RecipeFile("public/logo.png"), Ct), await response.Content.ReadAsByteArrayAsync(Ct));
    }

    private static List<string> RefusedUrls(string report, string photo)
    {
        var token = report[(report.IndexOf("tt=", StringComparison.Ordinal) + 3)..];
        var parts = token.Split('.');
        var flipped = parts[2][0] == 'A' ? 'B' + parts[2][1..] : 'A' + parts[2][1..];
        return
        [
            "/media/docs/report.pdf",
            "/media/docs/report.pdf?tt=",
            $"/media/docs/report.pdf?tt={parts[0]}.{parts[1]}.{flipped}",
            $"/media/docs/report.pdf?tt={parts[0]}.{long.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture) + 1}.{parts[2]}",
            $"/media/docs/report.pdf?tt=other.{parts[1]}.{parts[2]}",
            $"/media/docs/report.pdf?tt={token}&tt={token}",
            $"/media/photos/harbour.png?tt={token}",
            $"{photo[..photo.IndexOf('?', StringComparison.Ordinal)]}?width=80&tt={token}",
            $"/media/public/../docs/report.pdf",
            $"/media/public/%2e%2e/docs/report.pdf",
            $"/media/public%2f..%2fdocs/report.pdf",
            $"/media/public/..%5cdocs/report.pdf",
            $"/media/public/./../docs/report.pdf",
            $"/media/DOCS/report.pdf?tt={token}",
        ];
    }

    [Fact]
    public async Task Get_UnsignedTamperedOrTraversal_RefusedWithEmpty404()
    {
        // Arrange
        using var client = _site.CreateAnonymousClient();
        var page = await DemoPage.GetAsync(client);
        var urls = RefusedUrls(page.Url("report"), page.Url("photo"));

        // Act: over a raw socket, so every path reaches the server exactly as written.
        var answers = new List<string>();
        foreach (var url in urls)
        {
            var response = await RawHttp.SendAsync(_site.BaseAddress, "GET", url, cancellationToken: Ct);
            answers.Add($"{response.Status} {response.Body.Length} {url}");
        }

        // Assert: one answer for every reason.
        Assert.Equal(14, answers.Count);
        Assert.All(answers, answer => Assert.StartsWith("404 0 ", answer, StringComparison.Ordinal));
        Assert.Empty(_site.Problems);
    }

    [Fact]
    public async Task Get_OneMinuteLink_ServedBeforeItsExpiryRefusedAfter()
    {
        // Arrange
        using var client = _site.CreateAnonymousClient();
        var url = (await DemoPage.GetAsync(client)).Url("report-short");
        var token = QueryHelpers.ParseQuery(new Uri(_site.BaseAddress, url).Query)["tt"].ToString();
        var expiry = DateTimeOffset.FromUnixTimeSeconds(long.Parse(token.Split('.')[1], System.Globalization.CultureInfo.InvariantCulture));

        // Act
        _site.Time.SetUtcNow(expiry - TimeSpan.FromTicks(1));
        using var before = await client.GetAsync(url, Ct);
        _site.Time.SetUtcNow(expiry);
        using var after = await client.GetAsync(url, Ct);
        var fresh = (await DemoPage.GetAsync(client)).Url("report-short");
        using var renewed = await client.GetAsync(fresh, Ct);

        // Assert: a render after the expiry gives a new link that works.
        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, after.StatusCode);
        Assert.NotEqual(url, fresh);
        Assert.Equal(HttpStatusCode.OK, renewed.StatusCode);
    }

    [Fact]
    public async Task Get_LinkOfOneTenantOnTheOther_Refused()
    {
        // Arrange
        using var client = _site.CreateAnonymousClient();
        var first = (await DemoPage.GetAsync(client)).Url("report");
        var second = (await DemoPage.GetAsync(client, "/second/")).Url("report");

        // Act
        using var own = await client.GetAsync(second, Ct);
        using var crossed = await client.GetAsync("/second" + first, Ct);
        using var crossedBack = await client.GetAsync(second["/second".Length..], Ct);

        // Assert: each tenant has its own key (the key id is the token's first part).
        Assert.StartsWith("/second/media/docs/report.pdf?tt=", second, StringComparison.Ordinal);
        Assert.NotEqual(first.Split("tt=")[1].Split('.')[0], second.Split("tt=")[1].Split('.')[0]);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, crossed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, crossedBack.StatusCode);
    }

    [Fact]
    public async Task Get_FileRewrittenOnDiskSameLengthSameSecond_OldLinkRefusedWithinOneSecond()
    {
        // Arrange: a file of the default (local disk) store, signed and fetched once, so its version is cached.
        var file = Path.Combine(_site.MediaRoot(), "docs", "deploy.txt");
        await File.WriteAllTextAsync(file, "version one", Ct);
        var written = File.GetLastWriteTimeUtc(file);
        var oldUrl = await _site.InTenantAsync("Default", services =>
            Task.FromResult(services.GetRequiredService<IMediaFileStore>().MapPathToPublicUrl("docs/deploy.txt")));
        using var client = _site.CreateAnonymousClient();
        using var first = await client.GetAsync(oldUrl, Ct);

        // Act: a deploy rewrites it behind Orchard's back, same length, within the same second.
        await File.WriteAllTextAsync(file, "version two", Ct);
        File.SetLastWriteTimeUtc(file, written.AddTicks(1));
        _site.Time.Advance(TimeSpan.FromSeconds(1) + TimeSpan.FromTicks(1));
        using var old = await client.GetAsync(oldUrl, Ct);
        var newUrl = await _site.InTenantAsync("Default", services =>
            Task.FromResult(services.GetRequiredService<IMediaFileStore>().MapPathToPublicUrl("docs/deploy.txt")));
        using var renewed = await client.GetAsync(newUrl, Ct);

        // Assert
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, old.StatusCode);
        Assert.NotEqual(oldUrl, newUrl);
        Assert.Equal("version two", await renewed.Content.ReadAsStringAsync(Ct));
    }
}
