using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TimeToken.Core;
using TimeToken.Core.Media;
using TimeToken.Core.Signing;

namespace TimeToken.Tests.Core.Media;

/// <summary>
/// The signer keeps the URL it signed last per input: every cached answer must be exactly what signing afresh gives,
/// checked here against tokens made directly with <see cref="TokenSigner"/>.
/// </summary>
public sealed class MediaUrlSignerCacheTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("timetoken-signer-cache-").FullName;
    private readonly FakeTimeProvider _time = new(MediaSite.Start);
    private readonly SwappableKeyRingProvider _keys = new(KeyRing.Create(TimeProvider.System));
    private readonly SwappableOptions _options = new(new TimeTokenOptions());
    private readonly ServiceProvider _services;

    public MediaUrlSignerCacheTests()
    {
        MediaSite.WriteFile(_root, "a/b.txt", "b");
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_time);
        services.AddSingleton<IKeyRingProvider>(_keys);
        services.AddSingleton<IOptionsMonitor<TimeTokenOptions>>(_options);
        services.AddTimeTokenMedia(_root);
        _services = services.BuildServiceProvider();
    }

    private MediaUrlSigner Signer => (MediaUrlSigner)_services.GetRequiredService<IMediaUrlSigner>();

    private IMediaFileVersionProvider Versions => _services.GetRequiredService<IMediaFileVersionProvider>();

    public void Dispose()
    {
        _services.Dispose();
        Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public void BuildUrl_SameWindow_SameInstanceAndExpectedToken()
    {
        var first = Signer.BuildUrl("/media", "a/b.txt");
        _time.Advance(TimeSpan.FromSeconds(100));
        var second = Signer.BuildUrl("/media", "a/b.txt");

        Assert.Same(first, second);
        Assert.Equal(Expected("/media/a/b.txt", "a/b.txt"), second);
    }

    [Fact]
    public void BuildUrl_NextWindow_SignedAgain()
    {
        var first = Signer.BuildUrl("/media", "a/b.txt");
        _time.Advance(TimeSpan.FromSeconds(300));
        var second = Signer.BuildUrl("/media", "a/b.txt");

        Assert.NotEqual(first, second);
        Assert.Equal(Expected("/media/a/b.txt", "a/b.txt"), second);
    }

    [Fact]
    public void BuildUrl_FileChangedAndInvalidated_SignedWithNewVersion()
    {
        var first = Signer.BuildUrl("/media", "a/b.txt");
        MediaSite.WriteFile(_root, "a/b.txt", "changed, and longer");
        Versions.Invalidate("a/b.txt");

        var second = Signer.BuildUrl("/media", "a/b.txt");

        Assert.NotEqual(first, second);
        Assert.Equal(Expected("/media/a/b.txt", "a/b.txt"), second);
    }

    [Fact]
    public void SignPath_KeyRotated_SignedWithNewKey()
    {
        var first = Signer.SignPath("a/b.txt");
        _keys.Ring = _keys.Ring.Rotate(_time);

        var second = Signer.SignPath("a/b.txt");

        Assert.NotEqual(first, second);
        Assert.Contains("?tt=" + _keys.Ring.Active.Id + ".", second, StringComparison.Ordinal);
        Assert.Equal(Expected("a/b.txt", "a/b.txt"), second);
    }

    [Fact]
    public void AddToken_OptionsChanged_UsesNewOptions()
    {
        var first = Signer.AddToken("https://cdn.example.com/media/a/b.txt", "a/b.txt");
        _options.Value = new TimeTokenOptions { ParameterName = "sig" };

        var second = Signer.AddToken("https://cdn.example.com/media/a/b.txt", "a/b.txt");
        _options.Value = new TimeTokenOptions { PublicNamespace = "a/" };
        var third = Signer.AddToken("https://cdn.example.com/media/a/b.txt", "a/b.txt");

        Assert.Contains("?tt=", first, StringComparison.Ordinal);
        Assert.Equal(Expected("https://cdn.example.com/media/a/b.txt", "a/b.txt", "sig"), second);
        Assert.Equal("https://cdn.example.com/media/a/b.txt", third);
    }

    [Fact]
    public void BuildUrl_OtherLifetimeOrBase_NotMixedUp()
    {
        var normal = Signer.BuildUrl("/media", "a/b.txt");
        var shortLived = Signer.BuildUrl("/media", "a/b.txt", TimeSpan.FromSeconds(10));
        var otherBase = Signer.BuildUrl("/t1/media", "a/b.txt");

        Assert.Equal(Expected("/media/a/b.txt", "a/b.txt"), normal);
        Assert.Equal(Expected("/media/a/b.txt", "a/b.txt", lifetime: TimeSpan.FromSeconds(10)), shortLived);
        Assert.Equal(Expected("/t1/media/a/b.txt", "a/b.txt"), otherBase);
        Assert.Same(shortLived, Signer.BuildUrl("/media", "a/b.txt", TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public void BuildUrl_InvalidAndPublicPaths_NotKept()
    {
        Assert.Null(Signer.BuildUrl("/media", "a/../b.txt"));
        Assert.Equal("/media/public/p.txt", Signer.BuildUrl("/media", "public/p.txt"));

        Assert.Equal(0, Signer.CachedUrlCount);
    }

    [Fact]
    public void BuildUrl_ManyPaths_CacheBounded()
    {
        for (var i = 0; i < MediaUrlSigner.MaxCachedUrls + 10; i++)
        {
            Signer.BuildUrl("/media", $"many/{i}.txt");
        }

        Assert.InRange(Signer.CachedUrlCount, 1, MediaUrlSigner.MaxCachedUrls);
    }

    [Fact]
    public async Task BuildUrl_ManyThreads_AllGetTheExpectedUrl()
    {
        var expected = Expected("/media/a/b.txt", "a/b.txt");

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
            Enumerable.Range(0, 500).Select(_ => Signer.BuildUrl("/media", "a/b.txt")).Distinct().ToList(), TestContext.Current.CancellationToken)));

        Assert.All(results, urls => Assert.Equal([expected], urls));
    }

    /// <summary>The URL signing afresh must give: the unsigned URL plus a token made directly.</summary>
    private string Expected(string unsignedUrl, string path, string parameter = "tt", TimeSpan? lifetime = null)
    {
        var file = new FileInfo(Path.Combine(_root, path));
        var version = new MediaFileVersion(new DateTimeOffset(file.LastWriteTimeUtc, TimeSpan.Zero), file.Length).ToString();
        var expiry = Signer.GetExpiry(lifetime).ToUnixTimeSeconds();
        return unsignedUrl + "?" + parameter + "=" + TokenSigner.Sign(TokenPurpose.Media, _keys.Ring.Active, path, version, expiry);
    }

    /// <summary>Options whose current value a test replaces, as a configuration reload does.</summary>
    private sealed class SwappableOptions : IOptionsMonitor<TimeTokenOptions>
    {
        public SwappableOptions(TimeTokenOptions value) => Value = value;

        public TimeTokenOptions Value { get; set; }

        public TimeTokenOptions CurrentValue => Value;

        public TimeTokenOptions Get(string? name) => Value;

        public IDisposable? OnChange(Action<TimeTokenOptions, string?> listener) => null;
    }
}
