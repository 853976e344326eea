using System.Net;
using TimeToken.Core.Signing;

namespace TimeToken.Tests.Core.Media;

public sealed class MediaGateTamperTests
{
    private const string Good = "docs/report.txt";

    // Each case turns the valid token (kid.expiry.mac) into a query string, or a URL, that must be refused.
    public static TheoryData<string> Cases =>
    [
        "no token", "empty value", "name without value", "two params", "two params, second empty", "array param",
        "array param beside valid", "uppercase name", "mixed-case duplicate", "percent-encoded duplicate name",
        "key id flipped", "wrong key id", "expiry plus one", "expiry one window earlier", "mac first flipped",
        "mac last flipped", "mac middle flipped", "truncated", "extended", "bad base64 plus", "bad base64 slash",
        "padding added", "leading zero expiry", "whitespace", "path swapped", "path case changed",
        "upload purpose", "expiry beyond max", "other key material same id", "dots swapped for commas",
    ];

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Get_TamperedToken_RefusedLikeEveryFailure(string name)
    {
        await using var site = await MediaSite.StartAsync();
        var url = site.Url(Good);
        var token = url[(url.IndexOf("?tt=", StringComparison.Ordinal) + 4)..];
        var tampered = await TamperAsync(site, name, token);
        using var baseline = await site.GetAsync("/media/" + Good);
        site.Logs.Clear();

        using var response = await site.GetAsync(tampered);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(
            await baseline.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken),
            await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        Assert.Equal(baseline.Headers.ToString(), response.Headers.ToString());
        Assert.Equal(baseline.Content.Headers.ToString(), response.Content.Headers.ToString());
        Assert.Single(site.Logs.GetSnapshot(), r => r.Id.Id == 1100);
    }

    [Fact]
    public async Task Get_UntamperedControl_Served()
    {
        await using var site = await MediaSite.StartAsync();

        using var response = await site.GetAsync(site.Url(Good));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static async Task<string> TamperAsync(MediaSite site, string name, string token)
    {
        var parts = token.Split('.');
        var (kid, expiry, mac) = (parts[0], long.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture), parts[2]);
        var path = "/media/" + Good;
        string Q(string query) => path + "?" + query;
        static string Flip(string s, int i) => s[..i] + (s[i] == 'A' ? 'B' : 'A') + s[(i + 1)..];
        var version = await site.Versions.GetVersionAsync(Good, TestContext.Current.CancellationToken);
        var key = site.Keys.Ring.Active;

        return name switch
        {
            "no token" => path,
            "empty value" => Q("tt="),
            "name without value" => Q("tt"),
            "two params" => Q($"tt={token}&tt={token}"),
            "two params, second empty" => Q($"tt={token}&tt="),
            "array param" => Q($"tt[]={token}"),
            "array param beside valid" => Q($"tt={token}&tt%5B%5D={token}"),
            "uppercase name" => Q($"TT={token}"),
            "mixed-case duplicate" => Q($"tt={token}&tT={token}"),
            "percent-encoded duplicate name" => Q($"tt={token}&%74t={token}"),
            "key id flipped" => Q($"tt={Flip(kid, 0)}.{expiry}.{mac}"),
            "wrong key id" => Q($"tt=ZZZZZZZZ.{expiry}.{mac}"),
            "expiry plus one" => Q($"tt={kid}.{expiry + 1}.{mac}"),
            "expiry one window earlier" => Q($"tt={kid}.{expiry - 300}.{mac}"),
            "mac first flipped" => Q($"tt={kid}.{expiry}.{Flip(mac, 0)}"),
            "mac last flipped" => Q($"tt={kid}.{expiry}.{Flip(mac, 42)}"),
            "mac middle flipped" => Q($"tt={kid}.{expiry}.{Flip(mac, 20)}"),
            "truncated" => Q($"tt={token[..^1]}"),
            "extended" => Q($"tt={token}A"),
            "bad base64 plus" => Q($"tt={kid}.{expiry}.{mac[..^1]}%2B"),
            "bad base64 slash" => Q($"tt={kid}.{expiry}.{mac[..^1]}%2F"),
            "padding added" => Q($"tt={token}="),
            "leading zero expiry" => Q($"tt={kid}.0{expiry}.{mac}"),
            "whitespace" => Q($"tt=%20{token}"),
            "path swapped" => $"/media/secret.txt?tt={token}",
            "path case changed" => $"/media/docs/Report.txt?tt={token}",
            "upload purpose" => Q("tt=" + TokenSigner.Sign(TokenPurpose.Upload, key, Good, version!.Value.ToString(), expiry)),
            "expiry beyond max" => Q("tt=" + TokenSigner.Sign(TokenPurpose.Media, key, Good, version!.Value.ToString(), site.Time.GetUtcNow().AddSeconds(3600 + 300 + 1).ToUnixTimeSeconds())),
            "other key material same id" => Q("tt=" + TokenSigner.Sign(TokenPurpose.Media, new SigningKey(key.Id, new byte[32], key.CreatedAt), Good, version!.Value.ToString(), expiry)),
            "dots swapped for commas" => Q("tt=" + token.Replace('.', ',')),
            _ => throw new ArgumentOutOfRangeException(nameof(name)),
        };
    }
}
