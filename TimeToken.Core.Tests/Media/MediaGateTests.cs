using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;
using TimeToken.Core;
using TimeToken.Core.Signing;

namespace TimeToken.Tests.Core.Media;

public sealed class MediaGateTests
{
    [Fact]
    public async Task Get_ValidToken_ServesFile()
    {
        await using var site = await MediaSite.StartAsync();

        using var response = await site.GetAsync(site.Url("docs/report.txt"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("quarterly report", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Get_ValidTokenOnKestrel_ServesFile()
    {
        await using var site = await MediaSite.StartAsync(kestrel: true);

        using var ok = await site.GetAsync(site.Url("docs/report.txt"));
        using var refused = await site.GetAsync("/media/docs/report.txt");

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal("quarterly report", await ok.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
    }

    [Fact]
    public async Task Get_RangeWithValidToken_Gives206()
    {
        await using var site = await MediaSite.StartAsync();

        using var response = await site.SendAsync(HttpMethod.Get, site.Url("big.bin"), r => r.Headers.Range = new RangeHeaderValue(100, 199));

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal(100, (await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken)).Length);
        Assert.True(response.Headers.CacheControl!.Private);
    }

    [Fact]
    public async Task Head_ValidToken_GivesHeadersWithoutBody()
    {
        await using var site = await MediaSite.StartAsync();

        using var response = await site.SendAsync(HttpMethod.Head, site.Url("big.bin"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(10_000, response.Content.Headers.ContentLength);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Head_NoToken_IsRefused()
    {
        await using var site = await MediaSite.StartAsync();

        using var response = await site.SendAsync(HttpMethod.Head, "/media/big.bin");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Get_IfNoneMatchWithValidToken_Gives304()
    {
        await using var site = await MediaSite.StartAsync();
        var url = site.Url("docs/report.txt");
        using var first = await site.GetAsync(url);
        var etag = first.Headers.ETag!;

        using var second = await site.SendAsync(HttpMethod.Get, url, r => r.Headers.IfNoneMatch.Add(etag));

        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        Assert.True(second.Headers.CacheControl!.Private);
    }

    [Fact]
    public async Task Get_ProtectedFileWithPublicCacheHeader_IsPrivateAndBoundedByRemainingLife()
    {
        await using var site = await MediaSite.StartAsync();
        var url = site.Url("docs/report.txt", TimeSpan.FromSeconds(60));
        var expiry = site.Signer.GetExpiry(TimeSpan.FromSeconds(60));
        site.Time.Advance(TimeSpan.FromSeconds(30));

        using var response = await site.GetAsync(url);

        var cacheControl = response.Headers.CacheControl!;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(cacheControl.Private);
        Assert.False(cacheControl.Public);
        Assert.DoesNotContain("public", response.Headers.GetValues("Cache-Control").Single(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(Math.Floor((expiry - site.Time.GetUtcNow()).TotalSeconds), cacheControl.MaxAge!.Value.TotalSeconds);
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
    }

    [Fact]
    public void SetProtectedHeaders_ShorterExistingMaxAge_KeepsShorterMaxAgeDropsPublic()
    {
        var response = new Microsoft.AspNetCore.Http.DefaultHttpContext().Response;
        response.Headers.CacheControl = "public, max-age=30, s-maxage=600, immutable";

        TimeToken.Core.Media.MediaGateMiddleware.SetProtectedHeaders(response, MediaSite.Start.AddHours(1), MediaSite.Start);

        Assert.Equal("private, max-age=30", response.Headers.CacheControl.ToString());
    }

    [Theory]
    [InlineData(null, "private, max-age=3600")]
    [InlineData("", "private, max-age=3600")]
    [InlineData("public, max-age=600", "private, max-age=600")]
    [InlineData("public,max-age=7200", "private, max-age=3600")]
    [InlineData("max-age=0", "private, max-age=0")]
    [InlineData("no-cache", "private, max-age=3600, no-cache")]
    [InlineData("public, max-age=60, must-revalidate", "private, max-age=60, must-revalidate")]
    [InlineData("no-cache, max-age=90,\tmust-revalidate", "private, max-age=90, no-cache, must-revalidate")]
    [InlineData("public, no-store", "private, no-store")]
    [InlineData("Public, Max-Age=120", "private, max-age=120")]
    [InlineData("public, max-age=30, max-age=60", "private, max-age=60")]
    [InlineData("max-age=abc", "private, max-age=3600")]
    [InlineData("no-cache=\"Set-Cookie\", max-age=100", "private, max-age=100, no-cache")]
    [InlineData("public,, max-age=45", "private, max-age=45")]
    [InlineData("max-age=99999999999", "private, max-age=3600")]
    public void SetProtectedHeaders_ExistingCacheControl_GivesPrivateBoundedValue(string? existing, string expected)
    {
        var response = new Microsoft.AspNetCore.Http.DefaultHttpContext().Response;
        if (existing is not null)
        {
            response.Headers.CacheControl = existing;
        }

        response.Headers.Expires = "Thu, 01 Jan 2099 00:00:00 GMT";

        TimeToken.Core.Media.MediaGateMiddleware.SetProtectedHeaders(response, MediaSite.Start.AddHours(1), MediaSite.Start);

        Assert.Equal(expected, response.Headers.CacheControl.ToString());
        Assert.False(response.Headers.ContainsKey("Expires"));
        Assert.Equal("no-referrer", response.Headers["Referrer-Policy"].ToString());
    }

    [Fact]
    public async Task Get_ProtectedFileWithoutCacheHeader_GetsPrivateMaxAge()
    {
        await using var site = await MediaSite.StartAsync(publicCacheHeaders: false);

        using var response = await site.GetAsync(site.Url("docs/report.txt"));

        Assert.True(response.Headers.CacheControl!.Private);
        Assert.InRange(response.Headers.CacheControl.MaxAge!.Value.TotalSeconds, 3000, 3600 + 300);
    }

    [Fact]
    public async Task Get_PublicNamespace_ServedWithoutTokenAndHeadersUntouched()
    {
        await using var site = await MediaSite.StartAsync();

        using var response = await site.GetAsync("/media/public/hello.txt");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("hello public", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.True(response.Headers.CacheControl!.Public);
        Assert.False(response.Headers.Contains("Referrer-Policy"));
    }

    [Fact]
    public async Task Get_ProtectedPublicAndRefused_CarryNosniffOverKestrel()
    {
        // Uploaded files are served from the site's own origin: a browser must not sniff text into HTML or script.
        await using var site = await MediaSite.StartAsync(kestrel: true);

        using var protectedFile = await site.GetAsync(site.Url("docs/report.txt"));
        using var publicFile = await site.GetAsync("/media/public/hello.txt");
        using var refused = await site.GetAsync("/media/docs/report.txt");
        using var head = await site.SendAsync(HttpMethod.Head, site.Url("big.bin"));
        using var outside = await site.GetAsync("/elsewhere");

        Assert.Equal(HttpStatusCode.OK, protectedFile.StatusCode);
        Assert.Equal("nosniff", protectedFile.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal(HttpStatusCode.OK, publicFile.StatusCode);
        Assert.Equal("nosniff", publicFile.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.Equal("nosniff", refused.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal("nosniff", head.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal((HttpStatusCode)299, outside.StatusCode);
        Assert.False(outside.Headers.Contains("X-Content-Type-Options"));
    }

    [Fact]
    public async Task Get_PublicNamespaceTurnedOff_NeedsToken()
    {
        await using var site = await MediaSite.StartAsync(o => o.PublicNamespace = string.Empty);

        using var refused = await site.GetAsync("/media/public/hello.txt");
        using var signed = await site.GetAsync(site.Url("public/hello.txt"));

        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, signed.StatusCode);
    }

    [Theory]
    [InlineData("/other/secret.txt")]
    [InlineData("/mediax/secret.txt")]
    [InlineData("/")]
    [InlineData("/other?tt=garbage&tt=more")]
    public async Task Get_OutsidePrefix_PassesUntouched(string url)
    {
        await using var site = await MediaSite.StartAsync();

        using var response = await site.GetAsync(url);

        Assert.Equal((HttpStatusCode)299, response.StatusCode);
        Assert.Equal("fallthrough:GET", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    [InlineData("OPTIONS")]
    public async Task OtherMethod_UnderPrefix_PassesUntouched(string method)
    {
        await using var site = await MediaSite.StartAsync();

        using var response = await site.SendAsync(new HttpMethod(method), "/media/secret.txt");

        Assert.Equal((HttpStatusCode)299, response.StatusCode);
        Assert.Equal("fallthrough:" + method, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData(403)]
    [InlineData(404)]
    [InlineData(410)]
    public async Task Get_Refused_UsesConfiguredStatusEmptyBodyAndNoStore(int status)
    {
        await using var site = await MediaSite.StartAsync(o => o.FailureStatusCode = status);

        using var response = await site.GetAsync("/media/secret.txt");

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        Assert.True(response.Headers.CacheControl!.NoStore);
    }

    [Fact]
    public async Task Get_OneTickBeforeExpiry_Served()
    {
        await using var site = await MediaSite.StartAsync();
        var url = site.Url("docs/report.txt");
        var expiry = site.Signer.GetExpiry();

        site.Time.SetUtcNow(expiry.AddTicks(-1));
        using var response = await site.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, response.Headers.CacheControl!.MaxAge!.Value.TotalSeconds);
    }

    [Fact]
    public async Task Get_ExactlyAtExpiry_Refused()
    {
        await using var site = await MediaSite.StartAsync();
        var url = site.Url("docs/report.txt");
        var expiry = site.Signer.GetExpiry();

        site.Time.SetUtcNow(expiry);
        using var response = await site.GetAsync(url);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        AssertRefusedOnce(site, TokenFailure.Expired);
    }

    [Fact]
    public async Task Get_OneTickAfterExpiry_Refused()
    {
        await using var site = await MediaSite.StartAsync();
        var url = site.Url("docs/report.txt");
        var expiry = site.Signer.GetExpiry();

        site.Time.SetUtcNow(expiry.AddTicks(1));
        using var response = await site.GetAsync(url);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Get_LinkLivesAtLeastItsLifetime()
    {
        await using var site = await MediaSite.StartAsync();
        var signedAt = site.Time.GetUtcNow();
        var url = site.Url("docs/report.txt", TimeSpan.FromSeconds(60));

        site.Time.SetUtcNow(signedAt.AddSeconds(60));
        using var response = await site.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Get_OldKeyDuringGrace_ServedAndAfterGrace_Refused()
    {
        await using var site = await MediaSite.StartAsync();
        var options = new TimeTokenOptions();
        var grace = options.GracePeriod;
        var oldKey = site.Keys.Ring.Active;
        var url = site.Url("docs/report.txt");

        site.Time.Advance(TimeSpan.FromMinutes(10));
        site.Keys.Ring = site.Keys.Ring.Rotate(site.Time);
        var retiredAt = site.Time.GetUtcNow();
        using var duringGrace = await site.GetAsync(url);
        using var newLink = await site.GetAsync(site.Url("docs/report.txt"));

        Assert.Equal(HttpStatusCode.OK, duringGrace.StatusCode);
        Assert.Equal(HttpStatusCode.OK, newLink.StatusCode);
        Assert.NotEqual(oldKey.Id, site.Keys.Ring.Active.Id);

        // After the grace period: a token of the old key with an expiry still in range is refused for its key.
        site.Time.SetUtcNow(retiredAt + grace);
        var version = await site.Versions.GetVersionAsync("docs/report.txt", TestContext.Current.CancellationToken);
        var forged = TokenSigner.Sign(TokenPurpose.Media, oldKey, "docs/report.txt", version!.Value.ToString(), site.Time.GetUtcNow().AddMinutes(5).ToUnixTimeSeconds());
        site.Logs.Clear();
        using var afterGrace = await site.GetAsync("/media/docs/report.txt?tt=" + forged);

        Assert.Equal(HttpStatusCode.NotFound, afterGrace.StatusCode);
        AssertRefusedOnce(site, TokenFailure.UnknownKey);
    }

    [Fact]
    public async Task Get_FileReplacedAndCacheInvalidated_OldLinkRefusedNewLinkServed()
    {
        await using var site = await MediaSite.StartAsync();
        var oldUrl = site.Url("docs/report.txt");
        using var before = await site.GetAsync(oldUrl);

        MediaSite.WriteFile(site.Root, "docs/report.txt", "quarterly report, corrected edition");
        site.Versions.Invalidate("docs/report.txt");
        site.Logs.Clear();
        using var after = await site.GetAsync(oldUrl);
        using var fresh = await site.GetAsync(site.Url("docs/report.txt"));

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, after.StatusCode);
        AssertRefusedOnce(site, TokenFailure.BadSignature);
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
    }

    [Fact]
    public async Task Get_FileTouchedAndCacheExpired_OldLinkRefused()
    {
        await using var site = await MediaSite.StartAsync();
        var oldUrl = site.Url("docs/report.txt");
        var path = Path.Combine(site.Root, "docs", "report.txt");

        File.SetLastWriteTimeUtc(path, File.GetLastWriteTimeUtc(path).AddMinutes(-5));
        using var whileCached = await site.GetAsync(oldUrl);
        site.Time.Advance(TimeSpan.FromSeconds(31));
        using var afterExpiry = await site.GetAsync(oldUrl);

        Assert.Equal(HttpStatusCode.OK, whileCached.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, afterExpiry.StatusCode);
    }

    [Fact]
    public async Task Get_FileRewrittenOnDiskSameLengthSameSecond_OldLinkRefusedWithinOneSecond()
    {
        // Regression: whole-second versions and a 30-second cache kept old links working after a deploy rewrote a
        // file with content of the same length within the same second.
        await using var site = await MediaSite.StartAsync();
        var path = Path.Combine(site.Root, "docs", "report.txt");
        var written = new DateTime(2026, 2, 1, 8, 0, 0, 100, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(path, written);
        var oldUrl = site.Url("docs/report.txt");
        using var before = await site.GetAsync(oldUrl);

        File.WriteAllText(path, "QUARTERLY REPORT");
        File.SetLastWriteTimeUtc(path, written.AddMilliseconds(500));
        site.Time.Advance(TimeSpan.FromSeconds(1) - TimeSpan.FromTicks(1));
        using var oneTickBeforeBound = await site.GetAsync(oldUrl);
        site.Time.Advance(TimeSpan.FromTicks(1));
        site.Logs.Clear();
        using var atBound = await site.GetAsync(oldUrl);
        using var fresh = await site.GetAsync(site.Url("docs/report.txt"));

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.OK, oneTickBeforeBound.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, atBound.StatusCode);
        AssertRefusedOnce(site, TokenFailure.BadSignature);
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        Assert.Equal("QUARTERLY REPORT", await fresh.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Get_FileDeleted_Refused()
    {
        await using var site = await MediaSite.StartAsync();
        var url = site.Url("docs/report.txt");

        File.Delete(Path.Combine(site.Root, "docs", "report.txt"));
        site.Versions.InvalidatePrefix("docs/");
        using var response = await site.GetAsync(url);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        AssertRefusedOnce(site, TokenFailure.NoFile);
    }

    [Fact]
    public async Task Get_TimeoutLowered_CutsIssuedLinks()
    {
        var lowered = false;
        await using var site = await MediaSite.StartAsync(o =>
        {
            if (lowered)
            {
                o.TimeoutSeconds = 60;
            }
        });
        var url = site.Url("docs/report.txt");

        lowered = true;
        var monitor = (Microsoft.Extensions.Options.IOptionsMonitorCache<TimeTokenOptions>)site.App.Services.GetService(typeof(Microsoft.Extensions.Options.IOptionsMonitorCache<TimeTokenOptions>))!;
        monitor.Clear();
        using var response = await site.GetAsync(url);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        AssertRefusedOnce(site, TokenFailure.TooFarAhead);
    }

    [Theory]
    [MemberData(nameof(OddNameData))]
    public async Task Get_NameNeedingEscapes_SignedUrlServed(string name)
    {
        await using var site = await MediaSite.StartAsync(kestrel: true);

        using var response = await site.GetAsync(site.Url(name));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("odd " + name, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    public static TheoryData<string> OddNameData => [.. MediaSite.OddNames];

    [Fact]
    public async Task Get_Refused_LogsOneDebugEntryWithoutToken()
    {
        await using var site = await MediaSite.StartAsync();
        var url = site.Url("docs/report.txt");
        var token = url[(url.IndexOf("tt=", StringComparison.Ordinal) + 3)..];
        site.Logs.Clear();

        using var response = await site.GetAsync(url.Replace("docs/report.txt", "secret.txt", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        AssertRefusedOnce(site, TokenFailure.BadSignature);
        // The host's own request log prints the URL; what TimeToken logs never holds the token.
        var ours = site.Logs.GetSnapshot().Where(r => r.Category?.StartsWith("TimeToken", StringComparison.Ordinal) == true).ToList();
        Assert.NotEmpty(ours);
        Assert.All(ours, r => Assert.DoesNotContain(token[^43..], r.Message, StringComparison.Ordinal));
        Assert.All(ours, r => Assert.DoesNotContain(token[^43..], string.Join(";", r.StructuredState ?? []), StringComparison.Ordinal));
    }

    [Fact]
    public async Task HappyPaths_LogNoErrorsOrWarnings()
    {
        await using var site = await MediaSite.StartAsync();

        using var a = await site.GetAsync(site.Url("docs/report.txt"));
        using var b = await site.GetAsync("/media/public/hello.txt");
        using var c = await site.SendAsync(HttpMethod.Head, site.Url("big.bin"));

        Assert.Equal(HttpStatusCode.OK, a.StatusCode);
        Assert.DoesNotContain(site.Logs.GetSnapshot(), r => r.Level >= LogLevel.Warning);
        Assert.DoesNotContain(site.Logs.GetSnapshot(), r => r.Id.Id == 1100);
    }

    internal static void AssertRefusedOnce(MediaSite site, TokenFailure reason)
    {
        var refusals = site.Logs.GetSnapshot().Where(r => r.Id.Id == 1100).ToList();
        var refusal = Assert.Single(refusals);
        Assert.Equal(LogLevel.Debug, refusal.Level);
        Assert.Contains(reason.ToString(), refusal.Message, StringComparison.Ordinal);
    }
}
