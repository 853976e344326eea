using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using TimeToken.Tests.TestSupport;

namespace TimeToken.Tests.Core.Media;

/// <summary>One Kestrel site shared by the traversal corpus.</summary>
public sealed class KestrelSiteFixture : IAsyncLifetime
{
    internal MediaSite Site { get; private set; } = null!;

    internal string Token { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Site = await MediaSite.StartAsync(kestrel: true);
        var url = Site.Url("docs/report.txt");
        Token = url[(url.IndexOf("?tt=", StringComparison.Ordinal) + 4)..];
    }

    public async ValueTask DisposeAsync() => await Site.DisposeAsync();
}

public sealed class MediaGateTraversalTests : IClassFixture<KestrelSiteFixture>
{
    private readonly KestrelSiteFixture _fixture;

    public MediaGateTraversalTests(KestrelSiteFixture fixture) => _fixture = fixture;

    /// <summary>Request targets below /media/ that try to reach secret.txt without its token.</summary>
    public static TheoryData<string> Corpus =>
    [
        "public/../secret.txt", "public/./../secret.txt", "public/%2e%2e/secret.txt", "public/%2E%2E/secret.txt",
        "public/%2e./secret.txt", "public/.%2e/secret.txt", "public/%252e%252e/secret.txt", "public/..%2fsecret.txt",
        "public/..%2Fsecret.txt", "public%2f..%2fsecret.txt", "public%2F..%2Fsecret.txt", "public/..%5csecret.txt",
        "public/..\\secret.txt", "public\\..\\secret.txt", "public/%5c..%5csecret.txt", "public%5c..%5csecret.txt",
        "public/%c0%ae%c0%ae/secret.txt", "public/%c0%ae%c0%ae%c0%afsecret.txt", "public/%e0%80%ae%e0%80%ae/secret.txt",
        "public/..%c0%afsecret.txt", "public/%ef%bc%8e%ef%bc%8e/secret.txt", "public/%ef%bc%8e%ef%bc%8e%ef%bc%8fsecret.txt",
        "public/..%ef%bc%8fsecret.txt", "public/%e2%80%a4%e2%80%a4/secret.txt", "public/..%00/secret.txt",
        "public/%00/../secret.txt", "public/../secret.txt%00", "public/%2e%2e%2fsecret.txt", "public/%252e%252e%252fsecret.txt",
        "public/%25%32%65%25%32%65/secret.txt", "public/../../media/secret.txt", "public//../secret.txt",
        "public/..;/secret.txt", "public/%2e%2e;/secret.txt", "public/hello.txt/../../secret.txt", "public/%09../secret.txt",
        "public/..%09/secret.txt", "public/%0d%0a/../secret.txt", "public/%7f/../secret.txt", "PUBLIC/../secret.txt",
        "Public/../secret.txt", "./public/../secret.txt", "../media/public/../secret.txt", "%2e%2e/media/secret.txt",
        "public/%u002e%u002e/secret.txt", "public/%ff%fe../secret.txt", "public/%c2%85/../secret.txt", "secret.txt",
        "public/.../secret.txt", "public/%2e/%2e%2e/secret.txt", "public/..%252fsecret.txt", "public/%2e%2e%5c/secret.txt",
    ];

    [Theory]
    [MemberData(nameof(Corpus))]
    public async Task RawTarget_OnKestrel_NeverServesProtectedBytes(string target)
    {
        foreach (var query in new[] { string.Empty, "?tt=" + _fixture.Token })
        {
            var response = await RawHttp.SendAsync(_fixture.Site.Address!, "GET", "/media/" + target + query, cancellationToken: TestContext.Current.CancellationToken);

            Assert.InRange(response.Status, 200, 499);
            Assert.DoesNotContain(MediaSite.SecretMarker, response.BodyText, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(Corpus))]
    public async Task DecodedOrRawPath_OnTestServer_NeverServesProtectedBytes(string target)
    {
        await using var site = await MediaSite.StartAsync();
        var decoded = target.Replace("%2f", "%252f", StringComparison.OrdinalIgnoreCase);
        string[] paths = ["/media/" + target, "/media/" + Uri.UnescapeDataString(decoded), "/media/" + Uri.UnescapeDataString(target)];

        foreach (var path in paths)
        {
            var context = await site.App.GetTestServer().SendAsync(
                c =>
                {
                    c.Request.Method = HttpMethods.Get;
                    c.Request.Path = new PathString(path);
                },
                TestContext.Current.CancellationToken);
            using var reader = new StreamReader(context.Response.Body);
            var body = await reader.ReadToEndAsync(TestContext.Current.CancellationToken);

            Assert.InRange(context.Response.StatusCode, 200, 499);
            Assert.DoesNotContain(MediaSite.SecretMarker, body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task RawTarget_ControlRequest_ServesSecretWithToken()
    {
        var url = _fixture.Site.Url("secret.txt");

        var response = await RawHttp.SendAsync(_fixture.Site.Address!, "GET", url, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(200, response.Status);
        Assert.Contains(MediaSite.SecretMarker, response.BodyText, StringComparison.Ordinal);
    }
}
