using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace TimeToken.Sample.Tests;

/// <summary>The sample site over HTTP, started in-process on a loopback port (no browser).</summary>
public sealed partial class SampleSiteTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task FirstRun_SeedsMediaFolder_AndIndexListsEveryKindOfLink()
    {
        await using var sample = await RunningSample.StartAsync();

        var links = await SampleLinks.ReadAsync(sample.Client);

        Assert.Equal(MediaSeed.LargeFileBytes(), await File.ReadAllBytesAsync(Path.Combine(sample.MediaRoot, MediaSeed.LargeFile), Cancel));
        Assert.Equal(MediaSeed.LargeFileLength, new FileInfo(Path.Combine(sample.MediaRoot, MediaSeed.LargeFile)).Length);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], (await File.ReadAllBytesAsync(Path.Combine(sample.MediaRoot, MediaSeed.ImageFile), Cancel))[..4]);
        foreach (var path in new[] { MediaSeed.ReportFile, MediaSeed.ContractFile, MediaSeed.ImageFile, MediaSeed.LargeFile })
        {
            Assert.Matches(@"^/media/[^?]+\?tt=[A-Za-z0-9_-]+\.\d+\.[A-Za-z0-9_-]{43}$", links.Single("signed", path).Href);
        }

        Assert.Equal("/media/" + MediaSeed.PublicFile, links.Single("public", MediaSeed.PublicFile).Href);
        Assert.Contains(links, l => l.Kind == "short" && l.Path == MediaSeed.ReportFile);
        Assert.Contains(links, l => l.Kind == "expired" && l.Path == MediaSeed.ReportFile);

        var html = await sample.Client.GetStringAsync(new Uri("/", UriKind.Relative), Cancel);
        Assert.Contains("<td class=\"num\">2 MB</td>", html, StringComparison.Ordinal);
        Assert.Contains("<code>TimeToken:TimeoutSeconds</code></td><td>3600</td>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Links_SignedServeExactBytes_PublicNeedsNoToken_ShortWorks_ExpiredAndBareAreRefused()
    {
        await using var sample = await RunningSample.StartAsync();
        var links = await SampleLinks.ReadAsync(sample.Client);

        Assert.Equal(MediaSeed.LargeFileBytes(), await sample.Client.GetByteArrayAsync(new Uri(links.Single("signed", MediaSeed.LargeFile).Href, UriKind.Relative), Cancel));
        await AssertStatusAsync(sample, HttpStatusCode.OK, links.Single("public", MediaSeed.PublicFile).Href);
        await AssertStatusAsync(sample, HttpStatusCode.OK, links.Single("short", MediaSeed.ReportFile).Href);
        await AssertStatusAsync(sample, HttpStatusCode.NotFound, links.Single("expired", MediaSeed.ReportFile).Href);
        await AssertStatusAsync(sample, HttpStatusCode.NotFound, "/media/" + MediaSeed.LargeFile);
    }

    [Fact]
    public async Task ExpiredLink_IsGenuinelySigned_AndGetsTheConfiguredFailureStatus()
    {
        await using var sample = await RunningSample.StartAsync("--TimeToken:FailureStatusCode=410", "--TimeToken:ParameterName=key");
        var links = await SampleLinks.ReadAsync(sample.Client);
        var expired = links.Single("expired", MediaSeed.ReportFile).Href;
        var signed = links.Single("signed", MediaSeed.ReportFile).Href;

        await AssertStatusAsync(sample, HttpStatusCode.Gone, expired);

        // Same key id and shape as a fresh link: only the expiry (in the past) differs.
        var expiredToken = TokenPattern().Match(expired);
        var signedToken = TokenPattern().Match(signed);
        Assert.True(expiredToken.Success && signedToken.Success, expired + " / " + signed);
        Assert.Equal(signedToken.Groups["key"].Value, expiredToken.Groups["key"].Value);
        Assert.True(long.Parse(expiredToken.Groups["expiry"].Value, System.Globalization.CultureInfo.InvariantCulture) < DateTimeOffset.UtcNow.ToUnixTimeSeconds());
    }

    [Fact]
    public async Task UploadSlots_ContractOfTheSlotEndpointAndTheSlot()
    {
        await using var sample = await RunningSample.StartAsync("--TimeToken:Uploads:MaxBytes=1000", "--TimeToken:Uploads:AllowedExtensions=.txt,.png");
        var before = DateTimeOffset.UtcNow;

        using var response = await sample.Client.PostAsync(new Uri("/api/upload-slots", UriKind.Relative), null, Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.CacheControl?.NoStore);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel));
        var url = json.RootElement.GetProperty("url").GetString()!;
        Assert.Matches(@"^/timetoken/upload/[A-Za-z0-9_-]{22}/[A-Za-z0-9_-]+\.\d+\.[A-Za-z0-9_-]{43}$", url);
        var expiresAt = json.RootElement.GetProperty("expiresAt").GetDateTimeOffset();
        Assert.InRange(expiresAt, before, before + SampleApp.SlotLifetime + TimeSpan.FromMinutes(6));
        Assert.Equal(1000, json.RootElement.GetProperty("maxBytes").GetInt64());
        Assert.Equal([".png", ".txt"], json.RootElement.GetProperty("allowedExtensions").EnumerateArray().Select(e => e.GetString()).Order());

        // Refusals release the slot: too large (413), wrong extension (415); then one success (201) and 409 after it.
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, await UploadAsync(sample, url, "big.txt", new byte[1001]));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, await UploadAsync(sample, url, "tool.exe", [1, 2, 3]));
        using (var upload = await PostFileAsync(sample, url, "notes.txt", Encoding.UTF8.GetBytes("uploaded notes")))
        {
            Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
            using var result = JsonDocument.Parse(await upload.Content.ReadAsStringAsync(Cancel));
            Assert.Equal("uploads/notes.txt", result.RootElement.GetProperty("path").GetString());
            Assert.Equal(14, result.RootElement.GetProperty("length").GetInt64());
        }

        Assert.Equal(HttpStatusCode.Conflict, await UploadAsync(sample, url, "again.txt", [1]));
        Assert.Equal("uploaded notes", await File.ReadAllTextAsync(Path.Combine(sample.MediaRoot, "uploads", "notes.txt"), Cancel));

        var links = await SampleLinks.ReadAsync(sample.Client);
        Assert.Equal("uploaded notes", await sample.Client.GetStringAsync(new Uri(links.Single("signed", "uploads/notes.txt").Href, UriKind.Relative), Cancel));
    }

    [Fact]
    public async Task UploadSlot_WithATamperedToken_IsRefusedWithTheFailureStatus()
    {
        await using var sample = await RunningSample.StartAsync();
        using var response = await sample.Client.PostAsync(new Uri("/api/upload-slots", UriKind.Relative), null, Cancel);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel));
        var url = json.RootElement.GetProperty("url").GetString()!;
        var tampered = url[..^1] + (url[^1] == 'A' ? 'B' : 'A');

        Assert.Equal(HttpStatusCode.NotFound, await UploadAsync(sample, tampered, "a.txt", [1]));
        Assert.Equal(HttpStatusCode.Created, await UploadAsync(sample, url, "a.txt", [1]));
    }

    [Fact]
    public async Task BenchmarkSwitch_IsOffByDefault_AndWhenSetServesWithoutTheGate()
    {
        await using (var plain = await RunningSample.StartAsync())
        {
            await AssertStatusAsync(plain, HttpStatusCode.NotFound, "/plain/" + MediaSeed.ReportFile);
        }

        await using var sample = await RunningSample.StartAsync("--TimeToken:Benchmark:PlainPath=/plain");
        Assert.Equal(MediaSeed.LargeFileBytes(), await sample.Client.GetByteArrayAsync(new Uri("/plain/" + MediaSeed.LargeFile, UriKind.Relative), Cancel));
        await AssertStatusAsync(sample, HttpStatusCode.NotFound, "/media/" + MediaSeed.LargeFile);
    }

    [Fact]
    public async Task SignedLinks_SurviveARestart()
    {
        var contentRoot = Directory.CreateTempSubdirectory("timetoken-sample-").FullName;
        try
        {
            string href;
            await using (var first = await RunningSample.StartInAsync(contentRoot))
            {
                href = (await SampleLinks.ReadAsync(first.Client)).Single("signed", MediaSeed.ContractFile).Href;
                await AssertStatusAsync(first, HttpStatusCode.OK, href);
            }

            await using var second = await RunningSample.StartInAsync(contentRoot);
            await AssertStatusAsync(second, HttpStatusCode.OK, href);
        }
        finally
        {
            RunningSample.DeleteContentRoot(contentRoot);
        }
    }

    private static async Task AssertStatusAsync(RunningSample sample, HttpStatusCode expected, string href)
    {
        using var response = await sample.Client.GetAsync(new Uri(href, UriKind.Relative), Cancel);
        Assert.True(expected == response.StatusCode, $"GET {href}: expected {(int)expected}, got {(int)response.StatusCode}");
    }

    private static async Task<HttpStatusCode> UploadAsync(RunningSample sample, string url, string fileName, byte[] bytes)
    {
        using var response = await PostFileAsync(sample, url, fileName, bytes);
        return response.StatusCode;
    }

    private static async Task<HttpResponseMessage> PostFileAsync(RunningSample sample, string url, string fileName, byte[] bytes)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", fileName);
        return await sample.Client.PostAsync(new Uri(url, UriKind.Relative), form, Cancel);
    }

    [GeneratedRegex(@"[?&][A-Za-z0-9_-]+=(?<key>[A-Za-z0-9_-]+)\.(?<expiry>\d+)\.[A-Za-z0-9_-]{43}$")]
    private static partial Regex TokenPattern();
}
