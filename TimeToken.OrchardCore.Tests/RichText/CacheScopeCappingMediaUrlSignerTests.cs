using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using OrchardCore.Environment.Cache;
using TimeToken.Core;
using TimeToken.Core.Media;
using TimeToken.Core.Signing;
using TimeToken.OrchardCore.Media;

namespace TimeToken.Tests.OrchardCore.RichText;

/// <summary>The cap of Orchard's cache scopes, with Orchard's own <see cref="CacheScopeManager"/> and <see cref="CacheContext"/>.</summary>
public sealed class CacheScopeCappingMediaUrlSignerTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, 17, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(Start);
    private readonly CacheScopeManager _scopes = new();
    private readonly ServiceProvider _services;
    private readonly TimeTokenOptions _options = new() { TimeoutSeconds = 3600, CacheWindowSeconds = 300 };
    private readonly CacheScopeCappingMediaUrlSigner _signer;
    private readonly string _root = Path.Combine(Path.GetTempPath(), "timetoken-cap-" + Guid.NewGuid().ToString("N"));

    public CacheScopeCappingMediaUrlSignerTests()
    {
        Directory.CreateDirectory(_root);
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_time);
        services.AddSingleton<IKeyRingProvider>(new StaticKeyRingProvider(KeyRing.Create(_time)));
        services.AddTimeTokenMedia(_root);
        services.Configure<TimeTokenOptions>(o =>
        {
            o.TimeoutSeconds = _options.TimeoutSeconds;
            o.MaxLifetimeSeconds = 7200;
            o.CacheWindowSeconds = _options.CacheWindowSeconds;
        });
        _services = services.BuildServiceProvider();
        _signer = new CacheScopeCappingMediaUrlSigner(
            _services.GetRequiredService<IMediaUrlSigner>(),
            _time,
            () => _scopes);
    }

    public void Dispose()
    {
        _services.Dispose();
        Directory.Delete(_root, recursive: true);
    }

    private static long ExpiryOf(string url) => long.Parse(url[(url.LastIndexOf("tt=", StringComparison.Ordinal) + 3)..].Split('.')[1], System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void AddToken_InsideScope_ScopeExpiresOneSlackBeforeTheLink()
    {
        // Arrange
        var context = new CacheContext("shape");
        _scopes.EnterScope(context);

        // Act
        var url = _signer.AddToken("/media/a.jpg", "a.jpg");
        _scopes.ExitScope();

        // Assert: one-hour link, slack min(300, 360) = 300 s.
        var linkExpiry = DateTimeOffset.FromUnixTimeSeconds(ExpiryOf(url));
        Assert.Equal(linkExpiry.AddSeconds(-300), context.ExpiresOn);
        Assert.Equal(linkExpiry.AddSeconds(-300) - Start, context.ExpiresAfter);
        Assert.True(context.ExpiresOn < linkExpiry);
    }

    [Fact]
    public void SignPath_TwoLifetimesNested_OuterScopeKeepsTheEarliest()
    {
        // Arrange
        var outer = new CacheContext("page").WithExpiryAfter(TimeSpan.FromDays(1));
        var inner = new CacheContext("block");
        _scopes.EnterScope(outer);
        var longLink = _signer.SignPath("docs/long.pdf", TimeSpan.FromHours(2))!;
        _scopes.EnterScope(inner);

        // Act
        var shortLink = _signer.SignPath("docs/short.pdf", TimeSpan.FromSeconds(60))!;
        _scopes.ExitScope();
        _scopes.ExitScope();

        // Assert: the 60-second link (slack 6 s) decides both scopes; the day-long duration is cut.
        var shortExpiry = DateTimeOffset.FromUnixTimeSeconds(ExpiryOf(shortLink));
        Assert.True(ExpiryOf(longLink) > ExpiryOf(shortLink));
        Assert.Equal(shortExpiry.AddSeconds(-6), inner.ExpiresOn);
        Assert.Equal(shortExpiry.AddSeconds(-6), outer.ExpiresOn);
        Assert.Equal(shortExpiry.AddSeconds(-6) - Start, outer.ExpiresAfter);
    }

    [Fact]
    public void AddToken_ScopeWithEarlierExpiry_EarlierKept()
    {
        // Arrange
        var earlier = Start.AddMinutes(5);
        var context = new CacheContext("shape").WithExpiryOn(earlier).WithExpiryAfter(TimeSpan.FromMinutes(5));
        _scopes.EnterScope(context);

        // Act
        _signer.AddToken("/media/a.jpg", "a.jpg");
        _scopes.ExitScope();

        // Assert
        Assert.Equal(earlier, context.ExpiresOn);
        Assert.Equal(TimeSpan.FromMinutes(5), context.ExpiresAfter);
    }

    [Theory]
    [InlineData("public/logo.png")]
    [InlineData("../escape.png")]
    public void AddToken_NoTokenDue_ScopeUntouched(string path)
    {
        // Arrange
        var context = new CacheContext("shape");
        _scopes.EnterScope(context);

        // Act
        var url = _signer.AddToken("/media/" + path, path);
        var built = _signer.BuildUrl("/media", path);
        _scopes.ExitScope();

        // Assert
        Assert.DoesNotContain("tt=", url, StringComparison.Ordinal);
        Assert.DoesNotContain("tt=", built ?? string.Empty, StringComparison.Ordinal);
        Assert.Null(context.ExpiresOn);
        Assert.Null(context.ExpiresAfter);
    }

    [Fact]
    public async Task SignPathAsync_InsideScopeAfterTimePassed_CapFollowsTheNewLink()
    {
        // Arrange
        _time.Advance(TimeSpan.FromMinutes(50));
        var context = new CacheContext("shape");
        _scopes.EnterScope(context);

        // Act
        var url = await _signer.SignPathAsync("a.jpg", cancellationToken: TestContext.Current.CancellationToken);
        _scopes.ExitScope();

        // Assert
        var linkExpiry = DateTimeOffset.FromUnixTimeSeconds(ExpiryOf(url!));
        Assert.Equal(linkExpiry.AddSeconds(-300), context.ExpiresOn);
        Assert.True(context.ExpiresOn > _time.GetUtcNow().AddMinutes(54));
    }

    [Fact]
    public void AddToken_OutsideAnyScope_SignsAsTheInnerSigner()
    {
        // Act
        var capped = _signer.AddToken("/media/a.jpg", "a.jpg");
        var plain = _signer.Inner.AddToken("/media/a.jpg", "a.jpg");

        // Assert
        Assert.Equal(plain, capped);
    }
}
