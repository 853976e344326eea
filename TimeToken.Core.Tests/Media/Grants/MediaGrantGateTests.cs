using System.Net;
using TimeToken.Core.Media;
using TimeToken.Core.Signing;

namespace TimeToken.Tests.Core.Media.Grants;

public sealed class MediaGrantGateTests
{
    private const string File = "docs/report.txt";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Get_GrantLinkWithName_ServedAsAttachmentNotStored()
    {
        await using var site = await GrantSite.StartAsync();
        var (url, _) = await site.ShareAsync(File, TimeSpan.FromDays(1), "Quarterly report.txt");

        using var response = await site.Site.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("quarterly report", await response.Content.ReadAsStringAsync(Cancel));
        Assert.Equal("attachment; filename=\"Quarterly report.txt\"; filename*=UTF-8''Quarterly%20report.txt", response.Content.Headers.GetValues("Content-Disposition").Single());
        Assert.True(response.Headers.CacheControl is { Private: true, NoStore: true, MaxAge: null });
    }

    [Fact]
    public async Task Get_GrantLinkWithoutName_ServedWithoutDisposition()
    {
        await using var site = await GrantSite.StartAsync();
        var (url, _) = await site.ShareAsync(File, TimeSpan.FromHours(1));

        using var response = await site.Site.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Content.Headers.Contains("Content-Disposition"));
    }

    public static TheoryData<string> Tampers => ["grant id changed", "grant id removed", "grant id added", "grant id of another grant", "path swapped"];

    [Theory]
    [MemberData(nameof(Tampers))]
    public async Task Get_TamperedGrantToken_RefusedLikeEveryFailureWithoutLookup(string tamper)
    {
        await using var site = await GrantSite.StartAsync();
        var (url, grant) = await site.ShareAsync(File, TimeSpan.FromDays(1), "r.txt");
        var (other, otherGrant) = await site.ShareAsync("secret.txt", TimeSpan.FromDays(1));
        var ordinary = site.Site.Url(File, TimeSpan.FromDays(1));
        static string Flip(string s, char c) => s[..5] + (s[5] == c ? 'B' : c) + s[6..];
        var tampered = tamper switch
        {
            "grant id changed" => url.Replace(grant.Id, Flip(grant.Id, 'A'), StringComparison.Ordinal),
            "grant id removed" => url.Replace("." + grant.Id, string.Empty, StringComparison.Ordinal),
            "grant id added" => ordinary.Insert(ordinary.LastIndexOf('.'), "." + grant.Id),
            "grant id of another grant" => url.Replace(grant.Id, otherGrant.Id, StringComparison.Ordinal),
            "path swapped" => "/media/secret.txt" + url[url.IndexOf('?', StringComparison.Ordinal)..],
            _ => throw new ArgumentOutOfRangeException(nameof(tamper)),
        };
        Assert.NotEqual(url, tampered);
        using var baseline = await site.Site.GetAsync("/media/" + File);
        site.Site.Logs.Clear();

        using var response = await site.Site.GetAsync(tampered);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(baseline.Headers.ToString(), response.Headers.ToString());
        Assert.Equal(baseline.Content.Headers.ToString(), response.Content.Headers.ToString());
        Assert.Empty(await response.Content.ReadAsByteArrayAsync(Cancel));
        var log = Assert.Single(site.Site.Logs.GetSnapshot(), r => r.Id.Id == 1100);
        Assert.Contains(nameof(TokenFailure.BadSignature), log.Message, StringComparison.Ordinal);
        Assert.Equal(0, site.Store.Lookups);
    }

    [Fact]
    public async Task Get_OrdinaryLink_NeverAsksGrantStore()
    {
        await using var site = await GrantSite.StartAsync();

        using var response = await site.Site.GetAsync(site.Site.Url(File));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, site.Store.Lookups);
    }

    [Fact]
    public async Task Get_GrantLinkTwice_AsksStoreOnce()
    {
        await using var site = await GrantSite.StartAsync();
        var (url, _) = await site.ShareAsync(File, TimeSpan.FromDays(1));

        using var first = await site.Site.GetAsync(url);
        using var second = await site.Site.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(1, site.Store.Lookups);
    }

    [Fact]
    public async Task Get_RevokedAndInvalidated_RefusedFromNextRequest()
    {
        await using var site = await GrantSite.StartAsync();
        var (url, grant) = await site.ShareAsync(File, TimeSpan.FromDays(1));
        using var before = await site.Site.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        site.Site.Logs.Clear();

        site.RevokeInStore(grant);
        site.Cache.Invalidate(grant.Id);
        using var after = await site.Site.GetAsync(url);

        Assert.Equal(HttpStatusCode.NotFound, after.StatusCode);
        var log = Assert.Single(site.Site.Logs.GetSnapshot(), r => r.Id.Id == 1100);
        Assert.Contains(nameof(TokenFailure.GrantRevoked), log.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-1, HttpStatusCode.OK)]
    [InlineData(0, HttpStatusCode.NotFound)]
    [InlineData(1, HttpStatusCode.NotFound)]
    public async Task Get_RevokedNotInvalidated_ServedUntilCacheBound(long ticksAfterBound, HttpStatusCode expected)
    {
        await using var site = await GrantSite.StartAsync(cacheSeconds: 30);
        var (url, grant) = await site.ShareAsync(File, TimeSpan.FromDays(1));
        using var first = await site.Site.GetAsync(url);
        site.RevokeInStore(grant);

        site.Site.Time.Advance(TimeSpan.FromSeconds(30) + TimeSpan.FromTicks(ticksAfterBound));
        using var response = await site.Site.GetAsync(url);

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task Get_CacheOff_RevokedRefusedWithoutInvalidation()
    {
        await using var site = await GrantSite.StartAsync(cacheSeconds: 0);
        var (url, grant) = await site.ShareAsync(File, TimeSpan.FromDays(1));
        using var first = await site.Site.GetAsync(url);

        site.RevokeInStore(grant);
        using var response = await site.Site.GetAsync(url);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(2, site.Store.Lookups);
    }

    [Theory]
    [InlineData(-1, HttpStatusCode.OK)]
    [InlineData(0, HttpStatusCode.NotFound)]
    [InlineData(1, HttpStatusCode.NotFound)]
    public async Task Get_AroundGrantExpiry_ServedStrictlyBefore(long ticksAfterExpiry, HttpStatusCode expected)
    {
        await using var site = await GrantSite.StartAsync();
        var (url, grant) = await site.ShareAsync(File, TimeSpan.FromHours(1));

        // Made at 12:00:00.5, rounded up to 12:00:01: a share link's expiry is not rounded for caches.
        Assert.Equal(MediaSite.Start.AddSeconds(0.5).AddHours(1), grant.ExpiresAt);
        site.Site.Time.SetUtcNow(grant.ExpiresAt.AddTicks(ticksAfterExpiry));
        using var response = await site.Site.GetAsync(url);

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task Get_GrantEndedBeforeToken_Refused()
    {
        await using var site = await GrantSite.StartAsync();
        var (url, grant) = await site.ShareAsync(File, TimeSpan.FromHours(1));
        site.Store.Grants[grant.Id] = new MediaGrant(grant.Id, grant.Path, site.Site.Time.GetUtcNow(), null, null);

        using var response = await site.Site.GetAsync(url);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Get_GrantOfAnotherFile_Refused()
    {
        await using var site = await GrantSite.StartAsync();
        var (url, grant) = await site.ShareAsync(File, TimeSpan.FromHours(1));
        site.Store.Grants[grant.Id] = new MediaGrant(grant.Id, "secret.txt", grant.ExpiresAt, null, null);

        using var response = await site.Site.GetAsync(url);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Get_UnknownGrant_Refused()
    {
        await using var site = await GrantSite.StartAsync();
        var (url, grant) = await site.ShareAsync(File, TimeSpan.FromHours(1));
        site.Store.Grants.TryRemove(grant.Id, out _);

        using var response = await site.Site.GetAsync(url);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(1, site.Store.Lookups);
    }

    [Fact]
    public async Task Get_GrantStoreFails_RefusedAndLogged()
    {
        await using var site = await GrantSite.StartAsync();
        var (url, _) = await site.ShareAsync(File, TimeSpan.FromHours(1));
        site.Store.Fail = true;

        using var response = await site.Site.GetAsync(url);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Single(site.Site.Logs.GetSnapshot(), r => r.Id.Id == 1150);
    }

    [Fact]
    public async Task Get_SharedFileReplaced_LinkDies()
    {
        await using var site = await GrantSite.StartAsync();
        var (url, _) = await site.ShareAsync(File, TimeSpan.FromDays(1));
        using var before = await site.Site.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, before.StatusCode);

        MediaSite.WriteFile(site.Site.Root, File, "quarterly report, corrected edition");
        site.Site.Versions.Invalidate(File);
        using var after = await site.Site.GetAsync(url);

        Assert.Equal(HttpStatusCode.NotFound, after.StatusCode);
    }
}
