using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TimeToken.Core;
using TimeToken.Core.Media;
using TimeToken.Core.Signing;

namespace TimeToken.Tests.Core.Media;

public sealed class MediaUrlSignerTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("timetoken-signer-").FullName;
    private readonly FakeTimeProvider _time = new(MediaSite.Start);

    public MediaUrlSignerTests()
    {
        MediaSite.WriteFile(_root, "a/b.txt", "b");
        MediaSite.WriteFile(_root, "public/p.txt", "p");
        MediaSite.WriteFile(_root, "odd/with space.txt", "s");
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void SignPath_TwoSignsInOneWindow_GiveIdenticalUrls()
    {
        var signer = CreateSigner();

        var first = signer.SignPath("a/b.txt");
        _time.Advance(TimeSpan.FromSeconds(100));
        var second = signer.SignPath("/a/b.txt");

        Assert.Equal(first, second);
    }

    [Fact]
    public void SignPath_NextWindow_GivesOtherUrl()
    {
        var signer = CreateSigner();

        var first = signer.SignPath("a/b.txt");
        _time.Advance(TimeSpan.FromSeconds(300));
        var second = signer.SignPath("a/b.txt");

        Assert.NotEqual(first, second);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(60, 6)]
    [InlineData(299, 29)]
    [InlineData(300, 30)]
    [InlineData(3600, 300)]
    public void GetExpiry_AnyLifetime_OnSlackBoundaryAndAtLeastLifetimeAndBelowLifetimePlusSlack(int seconds, int slack)
    {
        var signer = CreateSigner(o => o.MaxLifetimeSeconds = 3600);

        var expiry = signer.GetExpiry(TimeSpan.FromSeconds(seconds));

        Assert.Equal(0, expiry.ToUnixTimeSeconds() % slack);
        Assert.True(expiry >= _time.GetUtcNow().AddSeconds(seconds));
        Assert.True(expiry < _time.GetUtcNow().AddSeconds(seconds + slack));
    }

    [Fact]
    public void GetExpiry_LifetimeAboveMax_Capped()
    {
        var signer = CreateSigner(o => o.MaxLifetimeSeconds = 7200);

        var expiry = signer.GetExpiry(TimeSpan.FromDays(30));

        Assert.Equal(signer.GetExpiry(TimeSpan.FromSeconds(7200)), expiry);
    }

    [Fact]
    public void GetExpiry_NoLifetime_UsesTimeout()
    {
        var signer = CreateSigner(o => o.TimeoutSeconds = 600);

        Assert.Equal(signer.GetExpiry(TimeSpan.FromSeconds(600)), signer.GetExpiry());
    }

    [Fact]
    public void SignPath_ZeroLifetime_Throws()
    {
        var signer = CreateSigner();

        Assert.Throws<ArgumentOutOfRangeException>(() => signer.SignPath("a/b.txt", TimeSpan.Zero));
    }

    [Fact]
    public void SignPath_Token_VerifiesForNormalisedPathAndVersion()
    {
        var signer = CreateSigner();

        var signed = signer.SignPath("/a/b.txt")!;

        Assert.StartsWith("a/b.txt?tt=", signed, StringComparison.Ordinal);
        Assert.True(TokenText.TryParse(signed[(signed.IndexOf('=', StringComparison.Ordinal) + 1)..], out var token));
        var info = new FileInfo(Path.Combine(_root, "a", "b.txt"));
        var version = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{new DateTimeOffset(info.LastWriteTimeUtc).UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks}-{info.Length}");
        Assert.True(TokenSigner.VerifyMac(TokenPurpose.Media, _keys.GetKeyRing().Active, "a/b.txt", version, token));
    }

    [Theory]
    [InlineData("public/p.txt", "public/p.txt")]
    [InlineData("/public/p.txt?v=3", "public/p.txt?v=3")]
    public void SignPath_PublicNamespace_Unsigned(string path, string expected)
    {
        var signer = CreateSigner();

        Assert.Equal(expected, signer.SignPath(path));
    }

    [Theory]
    [InlineData("public/../a/b.txt")]
    [InlineData("a\\b.txt")]
    [InlineData("a//b.txt")]
    [InlineData("")]
    [InlineData("/")]
    public void SignPath_InvalidPath_Null(string path)
    {
        var signer = CreateSigner();

        Assert.Null(signer.SignPath(path));
        Assert.Null(signer.BuildUrl("/media", path));
    }

    [Fact]
    public void SignPath_ExistingQuery_TokenAppendedLast()
    {
        var signer = CreateSigner();

        var signed = signer.SignPath("a/b.txt?width=100&height=50&v=abc")!;

        Assert.Matches(@"^a/b\.txt\?width=100&height=50&v=abc&tt=[A-Za-z0-9_-]{8}\.\d+\.[A-Za-z0-9_-]{43}$", signed);
    }

    [Fact]
    public void SignPath_ExistingTokenParameter_Replaced()
    {
        var signer = CreateSigner();

        var signed = signer.SignPath("a/b.txt?tt=old&width=100&TT=x&tt[]=y")!;

        Assert.Matches(@"^a/b\.txt\?width=100&tt=[^&]+$", signed);
    }

    [Fact]
    public void BuildUrl_OddName_EscapesEachSegmentLikeOrchard()
    {
        var signer = CreateSigner();

        var url = signer.BuildUrl("/media/", "odd/with space.txt")!;

        Assert.StartsWith("/media/odd/with%20space.txt?tt=", url, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a/b c#1%+\u00e9.txt", "a/b%20c%231%25%2B%C3%A9.txt")]
    [InlineData("\u65e5\u672c/x.txt", "%E6%97%A5%E6%9C%AC/x.txt")]
    [InlineData("a;b&c=d.txt", "a%3Bb%26c%3Dd.txt")]
    public void EscapePath_Segments_EscapedWithEscapeDataString(string path, string expected)
    {
        Assert.Equal(expected, MediaUrl.EscapePath(path));
    }

    [Fact]
    public void AddToken_BuiltUrlWithFragmentAndQuery_InsertsBeforeFragment()
    {
        var signer = CreateSigner();

        var url = signer.AddToken("https://cdn.example.com/media/a/b.txt?v=1#page=2", "a/b.txt");

        Assert.Matches(@"^https://cdn\.example\.com/media/a/b\.txt\?v=1&tt=[^&#]+#page=2$", url);
    }

    [Fact]
    public void AddToken_PublicOrInvalidPath_UrlUnchanged()
    {
        var signer = CreateSigner();

        Assert.Equal("/media/public/p.txt", signer.AddToken("/media/public/p.txt", "public/p.txt"));
        Assert.Equal("/media/x/../y", signer.AddToken("/media/x/../y", "x/../y"));
    }

    [Fact]
    public async Task SignPathAsync_SameWindow_SameAsSync()
    {
        var signer = CreateSigner();

        var signed = await signer.SignPathAsync("a/b.txt", cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(signer.SignPath("a/b.txt"), signed);
    }

    [Fact]
    public void SignPath_Warm_DoesNotAskStore()
    {
        var source = new CountingSource(new PhysicalMediaFileInfoSource(_root));
        var signer = CreateSigner(source: source);

        for (var i = 0; i < 100; i++)
        {
            signer.SignPath("a/b.txt");
        }

        Assert.Equal(1, source.Calls);
    }

    [Fact]
    public void SignPath_StoreFails_StillGivesUrl()
    {
        var signer = CreateSigner(source: new FailingSource());

        var signed = signer.SignPath("a/b.txt");

        Assert.StartsWith("a/b.txt?tt=", signed, StringComparison.Ordinal);
    }

    private readonly StaticKeyRingProvider _keys = new(KeyRing.Create(TimeProvider.System));

    private IMediaUrlSigner CreateSigner(Action<TimeTokenOptions>? configure = null, IMediaFileInfoSource? source = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_time);
        services.AddSingleton<IKeyRingProvider>(_keys);
        if (source is not null)
        {
            services.AddSingleton(source);
        }

        services.AddTimeTokenMedia(_root);
        if (configure is not null)
        {
            services.Configure(configure);
        }

        return services.BuildServiceProvider().GetRequiredService<IMediaUrlSigner>();
    }

    /// <summary>Stands in for a remote media store (an Orchard service in production) to count its calls.</summary>
    internal sealed class CountingSource : IMediaFileInfoSource
    {
        private readonly IMediaFileInfoSource _inner;

        public CountingSource(IMediaFileInfoSource inner) => _inner = inner;

        public int Calls { get; private set; }

        public ValueTask<MediaFileInfo> GetFileInfoAsync(string normalizedPath, CancellationToken cancellationToken)
        {
            Calls++;
            return _inner.GetFileInfoAsync(normalizedPath, cancellationToken);
        }
    }

    /// <summary>Stands in for an unreachable remote media store.</summary>
    internal sealed class FailingSource : IMediaFileInfoSource
    {
        public ValueTask<MediaFileInfo> GetFileInfoAsync(string normalizedPath, CancellationToken cancellationToken) =>
            ValueTask.FromException<MediaFileInfo>(new IOException("store down"));
    }
}
