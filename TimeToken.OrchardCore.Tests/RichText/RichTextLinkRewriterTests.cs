using TimeToken.OrchardCore.RichText;

namespace TimeToken.Tests.OrchardCore.RichText;

/// <summary>The attribute rewriting on a corpus of rich text as editors and editors' tools produce it.</summary>
public sealed class RichTextLinkRewriterTests
{
    private static string Rewrite(string html) =>
        RichTextLinkRewriter.FindLinks(html, MediaLinkTextTests.DefaultTenant, "tt").Sign(MediaLinkTextTests.FakeSigner);

    [Theory]
    [InlineData("<p><img src=\"/media/a.jpg\" alt=\"A\"></p>", "<p><img src=\"/media/a.jpg?tt=NEW\" alt=\"A\"></p>")]
    [InlineData("<p><img src=\"/media/a.jpg?tt=k.1.stale\" alt=\"A\"></p>", "<p><img src=\"/media/a.jpg?tt=NEW\" alt=\"A\"></p>")]
    [InlineData("<IMG SRC=\"/media/a.jpg\">", "<IMG SRC=\"/media/a.jpg?tt=NEW\">")]
    [InlineData("<img src='/media/a.jpg'>", "<img src='/media/a.jpg?tt=NEW'>")]
    [InlineData("<img src=/media/a.jpg>", "<img src=/media/a.jpg?tt=NEW>")]
    [InlineData("<img src=/media/a.jpg/>", "<img src=/media/a.jpg/?tt=NEW>")]
    [InlineData("<img\n  class=\"x\"\n  src = \"/media/a.jpg\" >", "<img\n  class=\"x\"\n  src = \"/media/a.jpg?tt=NEW\" >")]
    [InlineData("<a href=\"/media/docs/r.pdf\">/media/docs/r.pdf</a>", "<a href=\"/media/docs/r.pdf?tt=NEW\">/media/docs/r.pdf</a>")]
    [InlineData("<video poster=\"/media/v.jpg\" src=\"/media/v.mp4\"></video>", "<video poster=\"/media/v.jpg?tt=NEW\" src=\"/media/v.mp4?tt=NEW\"></video>")]
    [InlineData("<img src=\"/media/a.jpg?width=100&amp;token=abc&amp;tt=old\">", "<img src=\"/media/a.jpg?width=100&amp;token=abc&amp;tt=NEW\">")]
    [InlineData("<img srcset=\"/media/a.jpg 1x, /media/b.jpg?tt=old 2x\">", "<img srcset=\"/media/a.jpg?tt=NEW 1x, /media/b.jpg?tt=NEW 2x\">")]
    [InlineData("<img srcset=\"/media/a.jpg 480w,/media/public/b.jpg 800w\">", "<img srcset=\"/media/a.jpg?tt=NEW 480w,/media/public/b.jpg 800w\">")]
    [InlineData("<img src=\"https://www.example.com/media/a.jpg\">", "<img src=\"https://www.example.com/media/a.jpg?tt=NEW\">")]
    [InlineData("<img data-src=\"/media/a.jpg\" src=\"/media/a.jpg\">", "<img data-src=\"/media/a.jpg\" src=\"/media/a.jpg?tt=NEW\">")]
    [InlineData("<img alt='src=\"/media/a.jpg\"' src=\"/media/b.jpg\">", "<img alt='src=\"/media/a.jpg\"' src=\"/media/b.jpg?tt=NEW\">")]
    public void Rewrite_ProtectedMediaAttributes_OnlyTheirValuesChange(string html, string expected)
    {
        // Act
        var rewritten = Rewrite(html);

        // Assert
        Assert.Equal(expected, rewritten);
    }

    [Theory]
    [InlineData("<img src=\"/media/public/logo.png\">")]
    [InlineData("<img src=\"https://other.example.org/media/a.jpg\">")]
    [InlineData("<pre><code>&lt;img src=\"/media/a.jpg\"&gt;</code></pre>")]
    [InlineData("<code>/media/a.jpg?tt=old</code>")]
    [InlineData("<p>Link: /media/a.jpg</p>")]
    [InlineData("<!-- <img src=\"/media/a.jpg\"> -->")]
    [InlineData("<script>var s = '<img src=\"/media/a.jpg\">';</script>")]
    [InlineData("<style>.x { background: url('/media/a.jpg') }</style>")]
    [InlineData("<textarea><img src=\"/media/a.jpg\"></textarea>")]
    [InlineData("<div data-url=\"/media/a.jpg\" title=\"/media/a.jpg\"></div>")]
    [InlineData("<p>no media at all</p>")]
    public void Rewrite_NothingToSign_SameInstance(string html)
    {
        // Act
        var rewritten = Rewrite(html);

        // Assert
        Assert.Same(html, rewritten);
    }

    [Fact]
    public void Rewrite_RealWorldBody_OnlyMediaAttributesChange()
    {
        // Arrange: as TinyMCE/Trumbowyg save a body, with entities, a script, a comment and a code sample.
        const string html = """
            <h2 class="title">Harbour &amp; docks</h2>
            <p>See <a href="/media/docs/report.pdf?tt=k1.1700000000.AAAA" target="_blank" rel="noopener">the report</a>&nbsp;&mdash; or
            <a href="https://elsewhere.example.org/media/x.pdf?tt=foreign">theirs</a>.</p>
            <figure><img src="/media/photos/harbour.png?width=320&amp;token=Zm9v&amp;tt=k1.1700000000.BBBB" alt="Harbour &quot;at night&quot;"
              srcset="/media/photos/harbour.png?width=320&amp;token=Zm9v 320w, /media/photos/harbour.png 640w" sizes="50vw">
            <figcaption>Logo: <img src='/media/public/logo.png' alt=''></figcaption></figure>
            <!-- old: <img src="/media/photos/old.png?tt=k1.1.CCCC"> -->
            <pre><code class="language-html">&lt;img src="/media/photos/harbour.png?tt=k1.1.DDDD"&gt;</code></pre>
            <script>document.write('<img src="/media/photos/x.png">');</script>
            <p>Plain text /media/photos/harbour.png?tt=k1.1.EEEE stays.</p>
            """;
        var expected = html
            .Replace("/media/docs/report.pdf?tt=k1.1700000000.AAAA", "/media/docs/report.pdf?tt=NEW", StringComparison.Ordinal)
            .Replace("/media/photos/harbour.png?width=320&amp;token=Zm9v&amp;tt=k1.1700000000.BBBB", "/media/photos/harbour.png?width=320&amp;token=Zm9v&amp;tt=NEW", StringComparison.Ordinal)
            .Replace("/media/photos/harbour.png?width=320&amp;token=Zm9v 320w", "/media/photos/harbour.png?width=320&amp;token=Zm9v&amp;tt=NEW 320w", StringComparison.Ordinal)
            .Replace("/media/photos/harbour.png 640w", "/media/photos/harbour.png?tt=NEW 640w", StringComparison.Ordinal);

        // Act
        var rewritten = Rewrite(html);

        // Assert
        Assert.Equal(expected, rewritten);
    }

    [Fact]
    public void Rewrite_ManyImages_EachSignedOnce()
    {
        // Arrange
        var html = string.Concat(Enumerable.Range(0, 50).Select(i => $"<p><img src=\"/media/p/{i}.jpg\" alt=\"{i}\"></p>\n"));

        // Act
        var rewritten = Rewrite(html);

        // Assert
        Assert.Equal(50, rewritten.Split("?tt=NEW\"").Length - 1);
        Assert.Equal(html, rewritten.Replace("?tt=NEW", string.Empty, StringComparison.Ordinal));
    }

    [Fact]
    public void Get_SameBodyAgain_LinksReusedAndOutputAsUncached()
    {
        // Arrange
        var cache = new RichTextLinksCache();
        var bases = MediaLinkTextTests.DefaultTenant;
        const string Body = "<p><img src=\"/media/a.jpg?tt=old\"><a href='/media/b.pdf'>b</a></p>";
        var copy = new string(Body.AsSpan());

        // Act
        var first = cache.Get(Body, bases, "tt");
        var second = cache.Get(copy, bases, "tt");
        var edited = cache.Get(Body.Replace("b.pdf", "c.pdf", StringComparison.Ordinal), bases, "tt");
        var otherParameter = cache.Get(Body, bases, "sig");
        var output = second.Sign(MediaLinkTextTests.FakeSigner);

        // Assert
        Assert.Same(first, second);
        Assert.NotSame(first, edited);
        Assert.NotSame(first, otherParameter);
        Assert.Equal(3, cache.Count);
        Assert.Equal(Rewrite(Body), output);
        Assert.Equal("<p><img src=\"/media/a.jpg?tt=NEW\"><a href='/media/b.pdf?tt=NEW'>b</a></p>", output);
    }

    [Fact]
    public void Get_SameBodyUnderAnotherHost_LinksOfThatHost()
    {
        // Arrange: the same text, shown under a host that is not the other's.
        var cache = new RichTextLinksCache();
        const string Body = "<img src=\"https://other.example.org/media/a.jpg\">";
        var otherHost = MediaUrlBases.Create("/media", tenantPrefix: null, cdnBaseUrl: null, ["other.example.org"]);

        // Act
        var underDefault = cache.Get(Body, MediaLinkTextTests.DefaultTenant, "tt").Sign(MediaLinkTextTests.FakeSigner);
        var underOther = cache.Get(Body, otherHost, "tt").Sign(MediaLinkTextTests.FakeSigner);

        // Assert
        Assert.Same(Body, underDefault);
        Assert.Equal("<img src=\"https://other.example.org/media/a.jpg?tt=NEW\">", underOther);
    }

    [Fact]
    public void Sign_SignerGivesTheSameTokensAgain_SameOutputInstance()
    {
        // Arrange: a signer that, like the real one, gives the token it made last while nothing changed.
        var links = RichTextLinkRewriter.FindLinks("<img src=\"/media/a.jpg\"><img src=\"/media/b.jpg?tt=old\">", MediaLinkTextTests.DefaultTenant, "tt");
        var made = new Dictionary<string, string>();
        string Cached(string url, string path) => made.TryGetValue(url, out var signed) ? signed : made[url] = MediaLinkTextTests.FakeAddToken(url, path);
        var cached = new DelegateSigner(Cached);

        // Act
        var first = links.Sign(cached);
        var second = links.Sign(cached);
        made["/media/b.jpg"] = "/media/b.jpg?tt=NEWER";
        var third = links.Sign(cached);

        // Assert
        Assert.Equal("<img src=\"/media/a.jpg?tt=NEW\"><img src=\"/media/b.jpg?tt=NEW\">", first);
        Assert.Same(first, second);
        Assert.Equal("<img src=\"/media/a.jpg?tt=NEW\"><img src=\"/media/b.jpg?tt=NEWER\">", third);
    }

    [Fact]
    public void Get_NoMediaPath_NothingKept()
    {
        // Arrange
        var cache = new RichTextLinksCache();
        const string Body = "<p>No media here.</p>";

        // Act
        var links = cache.Get(Body, MediaLinkTextTests.DefaultTenant, "tt");

        // Assert
        Assert.Equal(0, links.Count);
        Assert.Same(Body, links.Sign(MediaLinkTextTests.FakeSigner));
        Assert.Equal(0, cache.Count);
    }
}
