using TimeToken.Core.Media;
using TimeToken.OrchardCore.RichText;

namespace TimeToken.Tests.OrchardCore.RichText;

public sealed class MediaLinkTextTests
{
    internal static readonly MediaUrlBases DefaultTenant = MediaUrlBases.Create("/media", tenantPrefix: null, cdnBaseUrl: "https://cdn.example.net", ["www.example.com"]);
    internal static readonly MediaUrlBases SecondTenant = MediaUrlBases.Create("/media", "second", cdnBaseUrl: null, ["www.example.com"]);

    // A signer stand-in: public/ stays plain, everything else gets "tt=NEW" appended last.
    internal static string FakeAddToken(string publicUrl, string path) =>
        path.StartsWith("public/", StringComparison.Ordinal) ? publicUrl : publicUrl + (publicUrl.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "tt=NEW";

    /// <summary>A signer that signs like <see cref="FakeAddToken"/>: public/ plain, <c>tt=NEW</c> appended last.</summary>
    internal static IMediaUrlSigner FakeSigner { get; } = new DelegateSigner(FakeAddToken);

    [Theory]
    [InlineData("<img src=\"/media/a.jpg?tt=k1.1700000000.abc\">", "<img src=\"/media/a.jpg\">")]
    [InlineData("<img src=\"/media/a.jpg?tt=x&amp;width=100\">", "<img src=\"/media/a.jpg?width=100\">")]
    [InlineData("<img src=\"/media/a.jpg?width=100&amp;tt=x\">", "<img src=\"/media/a.jpg?width=100\">")]
    [InlineData("<img src=\"/media/a.jpg?width=100&amp;tt=x&amp;height=5\">", "<img src=\"/media/a.jpg?width=100&amp;height=5\">")]
    [InlineData("![a](/media/a.jpg?tt=x&width=10)", "![a](/media/a.jpg?width=10)")]
    [InlineData("![a](/media/a.jpg?width=10&tt=x \"title\")", "![a](/media/a.jpg?width=10 \"title\")")]
    [InlineData("<a href='/media/docs/r.pdf?tt=x#page=2'>r</a>", "<a href='/media/docs/r.pdf#page=2'>r</a>")]
    [InlineData("<img src=/media/a.jpg?tt=x>", "<img src=/media/a.jpg>")]
    [InlineData("<img src=\"https://www.example.com/media/a.jpg?tt=x\">", "<img src=\"https://www.example.com/media/a.jpg\">")]
    [InlineData("<img src=\"//www.example.com/media/a.jpg?tt=x\">", "<img src=\"//www.example.com/media/a.jpg\">")]
    [InlineData("<img src=\"https://cdn.example.net/media/a.jpg?tt=x\">", "<img src=\"https://cdn.example.net/media/a.jpg\">")]
    [InlineData("<img srcset=\"/media/a.jpg?tt=x 1x, /media/b.jpg?tt=y 2x\">", "<img srcset=\"/media/a.jpg 1x, /media/b.jpg 2x\">")]
    [InlineData("<div style=\"background:url(&quot;/media/a.jpg?tt=x&quot;)\">", "<div style=\"background:url(&quot;/media/a.jpg&quot;)\">")]
    [InlineData("/media/a.jpg?TT=x&tt[]=y&width=1", "/media/a.jpg?width=1")]
    [InlineData("see /media/a.jpg?tt=x.", "see /media/a.jpg")]
    public void StripTokens_MediaUrlWithToken_OnlyTheParameterRemoved(string text, string expected)
    {
        // Act
        var cleaned = MediaLinkText.StripTokens(text, DefaultTenant, "tt");

        // Assert
        Assert.Equal(expected, cleaned);
    }

    [Theory]
    [InlineData("<img src=\"/media/a.jpg\">")]
    [InlineData("<img src=\"/media/a.jpg?width=100&amp;height=5\">")]
    [InlineData("<img src=\"https://other.example.org/media/a.jpg?tt=x\">")]
    [InlineData("<img src=\"/elsewhere/media/a.jpg?tt=x\">")]
    [InlineData("<img src=\"/mediax/a.jpg?tt=x\">")]
    [InlineData("<img src=\"/media/a.jpg?ttl=5&att=1\">")]
    [InlineData("tt= and /media/ but apart")]
    [InlineData("")]
    public void StripTokens_NoTokenOfThisTenant_SameInstanceReturned(string text)
    {
        // Act
        var cleaned = MediaLinkText.StripTokens(text, DefaultTenant, "tt");

        // Assert
        Assert.Same(text, cleaned);
    }

    [Theory]
    [InlineData("<img src=\"/second/media/a.jpg?tt=x\">", "<img src=\"/second/media/a.jpg\">")]
    [InlineData("<img src=\"/media/a.jpg?tt=x\">", "<img src=\"/media/a.jpg\">")]
    [InlineData("<img src=\"http://www.example.com/second/media/a.jpg?w=1&tt=x\">", "<img src=\"http://www.example.com/second/media/a.jpg?w=1\">")]
    public void StripTokens_TenantPrefix_WithAndWithoutPrefixCleaned(string text, string expected)
    {
        // Act
        var cleaned = MediaLinkText.StripTokens(text, SecondTenant, "tt");

        // Assert
        Assert.Equal(expected, cleaned);
    }

    [Fact]
    public void StripTokens_OtherParameterName_OnlyThatNameRemoved()
    {
        // Arrange
        const string text = "<img src=\"/media/a.jpg?sig=x&amp;tt=keep\">";

        // Act
        var cleaned = MediaLinkText.StripTokens(text, DefaultTenant, "sig");

        // Assert
        Assert.Equal("<img src=\"/media/a.jpg?tt=keep\">", cleaned);
    }

    [Theory]
    [InlineData("/media/a.jpg", "/media/a.jpg?tt=NEW")]
    [InlineData("/media/a.jpg?tt=old", "/media/a.jpg?tt=NEW")]
    [InlineData("/media/a.jpg?tt=old&amp;width=80&amp;token=abc", "/media/a.jpg?width=80&amp;token=abc&amp;tt=NEW")]
    [InlineData("/media/a.jpg?width=80&token=abc&tt=old", "/media/a.jpg?width=80&token=abc&tt=NEW")]
    [InlineData("/media/a.jpg?width=80", "/media/a.jpg?width=80&amp;tt=NEW")]
    [InlineData("/media/docs/r.pdf#page=2", "/media/docs/r.pdf?tt=NEW#page=2")]
    [InlineData("https://cdn.example.net/media/a.jpg?tt=old", "https://cdn.example.net/media/a.jpg?tt=NEW")]
    public void Sign_ProtectedMediaUrl_FreshTokenLastOthersKept(string url, string expected)
    {
        // Act
        var signed = MediaLinkText.Sign(url, DefaultTenant, "tt", FakeSigner);

        // Assert
        Assert.Equal(expected, signed);
    }

    [Theory]
    [InlineData("/media/public/logo.png")]
    [InlineData("/media/public/logo.png?tt=stale")]
    [InlineData("/other/a.jpg")]
    [InlineData("https://other.example.org/media/a.jpg")]
    [InlineData("/media/a.jpg and more")]
    public void Sign_PublicOrForeignUrl_LeftAlone(string url)
    {
        // Act
        var signed = MediaLinkText.Sign(url, DefaultTenant, "tt", FakeSigner);

        // Assert
        Assert.Null(signed);
    }

    [Fact]
    public void Sign_EscapedPath_SignerGetsTheStoragePath()
    {
        // Arrange
        string? seenPath = null;
        string? seenUrl = null;

        // Act
        MediaLinkText.Sign("/media/my%20photos/a%C3%A9.jpg?width=1&amp;height=2", DefaultTenant, "tt", new DelegateSigner((url, path) =>
        {
            (seenUrl, seenPath) = (url, path);
            return url + "&tt=NEW";
        }));

        // Assert: the decoded URL (as the signer's cache key) and the path as stored.
        Assert.Equal("my photos/aé.jpg", seenPath);
        Assert.Equal("/media/my%20photos/a%C3%A9.jpg?width=1&height=2", seenUrl);
    }
}
