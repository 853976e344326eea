using System.Net;
using System.Text.Encodings.Web;
using Fluid;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TimeToken.Core;
using TimeToken.Core.Liquid;
using TimeToken.Core.Signing;

namespace TimeToken.Tests.Core.Media;

/// <summary>
/// A link never outlives its lifetime by more than its rounding slack, min(CacheWindowSeconds, lifetime / 10) and at
/// least 1 second. Regression: the expiry used to be rounded up to a whole 300-second window whatever the lifetime,
/// so a 10-second link lived up to 310 seconds.
/// </summary>
public sealed class MediaLinkLifetimeTests
{
    // One tick after 12:05:00 (a multiple of every slack used here), after the site's start: "now" is rounded up to the next second, and the expiry then up to the next
    // multiple of the slack, so this is the worst case: the link lives its lifetime plus its slack, minus one tick.
    private static readonly DateTimeOffset s_worstCase = new DateTimeOffset(2026, 3, 1, 12, 5, 0, TimeSpan.Zero).AddTicks(1);

    [Theory]
    [InlineData(10, 1)]
    [InlineData(60, 6)]
    [InlineData(3600, 300)]
    public async Task Get_TimeoutLink_ServedOneTickBeforeLifetimePlusSlackRefusedAtAndAfter(int timeoutSeconds, int slackSeconds)
    {
        await using var site = await MediaSite.StartAsync(o => o.TimeoutSeconds = timeoutSeconds);
        site.Time.SetUtcNow(s_worstCase);
        var signedAt = site.Time.GetUtcNow();
        var url = site.Url("docs/report.txt");
        var bound = signedAt.AddTicks(-1).AddSeconds(timeoutSeconds + slackSeconds);

        await AssertLivesUntilAsync(site, url, signedAt, bound);
    }

    [Fact]
    public async Task Get_LiquidLifetimeArgument_ServedOneTickBeforeLifetimePlusSlackRefusedAtAndAfter()
    {
        // lifetime: 30 under the default one-hour timeout: slack min(300, 3) = 3 seconds.
        await using var site = await MediaSite.StartAsync();
        site.Time.SetUtcNow(s_worstCase);
        var signedAt = site.Time.GetUtcNow();
        var parser = new FluidParser();
        Assert.True(parser.TryParse("{{ 'docs/report.txt' | signed_media_url: lifetime: 30 }}", out var template, out var error), error);
        var url = template.Render(new TemplateContext(new TemplateOptions().AddTimeTokenFilters(site.Signer, "/media")), NullEncoder.Default);
        var bound = signedAt.AddTicks(-1).AddSeconds(30 + 3);

        await AssertLivesUntilAsync(site, url, signedAt, bound);
    }

    [Theory]
    [InlineData(10, 10)]
    [InlineData(60, 65)]
    [InlineData(3600, 3899)]
    public async Task Get_ShortOrLongLifetime_MaxAgeIsWholeSecondsOfRemainingLife(int timeoutSeconds, int expectedMaxAge)
    {
        // Regression: a 60-second link used to be answered with max-age=259.
        await using var site = await MediaSite.StartAsync(o => o.TimeoutSeconds = timeoutSeconds);
        site.Time.SetUtcNow(s_worstCase);
        var url = site.Url("docs/report.txt");

        using var atSigning = await site.GetAsync(url);
        site.Time.SetUtcNow(s_worstCase.AddTicks(-1).AddSeconds(expectedMaxAge + 1).AddMilliseconds(-500));
        using var halfSecondBeforeExpiry = await site.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, atSigning.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(expectedMaxAge), atSigning.Headers.CacheControl!.MaxAge);
        Assert.Equal(HttpStatusCode.OK, halfSecondBeforeExpiry.StatusCode);
        Assert.Equal(TimeSpan.Zero, halfSecondBeforeExpiry.Headers.CacheControl!.MaxAge);
    }

    [Theory]
    [InlineData(10, 11)]
    [InlineData(60, 66)]
    [InlineData(3600, 3900)]
    public async Task Get_ExpiryAtMaxLifetimePlusSlack_ServedOneTickCloserRefused(int timeoutSeconds, int graceSeconds)
    {
        await using var site = await MediaSite.StartAsync(o => o.TimeoutSeconds = timeoutSeconds);
        var version = await site.Versions.GetVersionAsync("docs/report.txt", TestContext.Current.CancellationToken);
        var expiry = s_worstCase.AddTicks(-1).AddSeconds(graceSeconds);
        var url = "/media/docs/report.txt?tt=" + TokenSigner.Sign(TokenPurpose.Media, site.Keys.Ring.Active, "docs/report.txt", version!.Value.ToString(), expiry.ToUnixTimeSeconds());

        site.Time.SetUtcNow(s_worstCase.AddTicks(-2));
        using var oneTickBeyond = await site.GetAsync(url);
        site.Time.SetUtcNow(s_worstCase.AddTicks(-1));
        using var atBound = await site.GetAsync(url);

        Assert.Equal(TimeSpan.FromSeconds(graceSeconds), site.App.Services.GetRequiredService<IOptions<TimeTokenOptions>>().Value.GracePeriod);
        Assert.Equal(HttpStatusCode.OK, atBound.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, oneTickBeyond.StatusCode);
    }

    [Fact]
    public async Task Get_TimeoutLoweredTo10_LinkOf60RefusedLinkOf10Served()
    {
        var lowered = false;
        await using var site = await MediaSite.StartAsync(o => o.TimeoutSeconds = lowered ? 10 : 60);
        var longLink = site.Url("docs/report.txt");

        lowered = true;
        site.App.Services.GetRequiredService<IOptionsMonitorCache<TimeTokenOptions>>().Clear();
        var shortLink = site.Url("docs/report.txt");
        using var longResponse = await site.GetAsync(longLink);
        using var shortResponse = await site.GetAsync(shortLink);

        Assert.Equal(HttpStatusCode.NotFound, longResponse.StatusCode);
        Assert.Equal(HttpStatusCode.OK, shortResponse.StatusCode);
    }

    [Theory]
    [InlineData(10, 300, 1)]
    [InlineData(19, 300, 1)]
    [InlineData(20, 300, 2)]
    [InlineData(60, 300, 6)]
    [InlineData(3000, 300, 300)]
    [InlineData(3600, 300, 300)]
    [InlineData(3600, 60, 60)]
    [InlineData(604800, 3600, 3600)]
    public void SlackSeconds_Lifetime_IsSmallerOfWindowAndTenthAtLeastOne(long lifetime, int window, long expected)
    {
        Assert.Equal(expected, LinkLifetime.SlackSeconds(lifetime, window));
    }

    private static async Task AssertLivesUntilAsync(MediaSite site, string url, DateTimeOffset signedAt, DateTimeOffset bound)
    {
        var expiry = DateTimeOffset.FromUnixTimeSeconds(TokenText.TryParse(url[(url.IndexOf("tt=", StringComparison.Ordinal) + 3)..], out var token) ? token.ExpiresAtUnixSeconds : 0);

        site.Time.SetUtcNow(bound.AddTicks(-1));
        using var before = await site.GetAsync(url);
        site.Time.SetUtcNow(bound);
        using var at = await site.GetAsync(url);
        site.Time.SetUtcNow(bound.AddTicks(1));
        using var after = await site.GetAsync(url);

        Assert.Equal(bound, expiry);
        Assert.True(expiry > signedAt);
        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, at.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, after.StatusCode);
    }
}
