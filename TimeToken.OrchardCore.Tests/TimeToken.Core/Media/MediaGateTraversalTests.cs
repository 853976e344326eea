using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;

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
            var (status, body) = await SendRawAsync(_fixture.Site.Address!, "/media/" + target + query);

            Assert.InRange(status, 200, 499);
            Assert.DoesNotContain(MediaSite.SecretMarker, body, StringComparison.Ordinal);
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

        var (status, body) = await SendRawAsync(_fixture.Site.Address!, url);

        Assert.Equal(200, status);
        Assert.Contains(MediaSite.SecretMarker, body, StringComparison.Ordinal);
    }

    /// <summary>Sends the request target byte for byte, so no client normalises it.</summary>
    private static async Task<(int Status, string Body)> SendRawAsync(Uri address, string target)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var client = new TcpClient();
        await client.ConnectAsync(address.Host, address.Port, cancellationToken);
        await using var stream = client.GetStream();
        var request = Encoding.Latin1.GetBytes($"GET {target} HTTP/1.1\r\nHost: {address.Authority}\r\nConnection: close\r\n\r\n");
        await stream.WriteAsync(request, cancellationToken);
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, cancellationToken);
        var text = Encoding.Latin1.GetString(buffer.ToArray());
        var status = int.Parse(text.AsSpan(9, 3), provider: System.Globalization.CultureInfo.InvariantCulture);
        var bodyStart = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        return (status, bodyStart < 0 ? string.Empty : text[(bodyStart + 4)..]);
    }
}
