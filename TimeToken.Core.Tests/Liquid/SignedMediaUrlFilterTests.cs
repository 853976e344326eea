using System.Text.Encodings.Web;
using Fluid;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using TimeToken.Core;
using TimeToken.Core.Liquid;
using TimeToken.Core.Media;
using TimeToken.Core.Signing;
using TimeToken.Tests.Core.Media;

namespace TimeToken.Tests.Core.Liquid;

public sealed class SignedMediaUrlFilterTests : IDisposable
{
    private static readonly FluidParser s_parser = new();
    private readonly string _root = Directory.CreateTempSubdirectory("timetoken-liquid-").FullName;
    // Pinned: HMAC-SHA256 with the fixed key below over media-v1, the path, the version of a 1-byte file written at
    // s_written (17465152890000000-1) and the expiry of a default-lifetime link made at MediaSite.Start.
    private const string ReportUrl = "/media/docs/report.txt?tt=LiquidK1.1772370300.M58ZruvN9IOCFMv0r9zJAZTos37cGxS9C_46PXKh8_4";
    private const string WithSpaceUrl = "/media/docs/with%20space.txt?tt=LiquidK1.1772370300.Sj-nqz58IyIDg4qAsyI4EickymLMG91eIKBNiZOLfFw";
    private const string CdnWithSpaceUrl = "https://cdn.example.com/t1/media/docs/with%20space.txt?tt=LiquidK1.1772370300.Sj-nqz58IyIDg4qAsyI4EickymLMG91eIKBNiZOLfFw";

    private static readonly DateTimeOffset s_written = new(2025, 5, 6, 7, 8, 9, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(MediaSite.Start);
    private readonly ServiceProvider _services;
    private readonly FakeLogger<SignedMediaUrlFilter> _logger = new();

    public SignedMediaUrlFilterTests()
    {
        MediaSite.WriteFile(_root, "docs/report.txt", "r");
        MediaSite.WriteFile(_root, "docs/with space.txt", "s");
        MediaSite.WriteFile(_root, "public/logo.png", "p");
        File.SetLastWriteTimeUtc(Path.Combine(_root, "docs", "report.txt"), s_written.UtcDateTime);
        File.SetLastWriteTimeUtc(Path.Combine(_root, "docs", "with space.txt"), s_written.UtcDateTime);
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_time);
        services.AddSingleton<IKeyRingProvider>(new StaticKeyRingProvider(new KeyRing([new SigningKey("LiquidK1", Enumerable.Range(1, 32).Select(i => (byte)i).ToArray(), s_written)])));
        services.AddTimeTokenMedia(_root);
        services.Configure<TimeTokenOptions>(o => o.MaxLifetimeSeconds = 7200);
        _services = services.BuildServiceProvider();
    }

    private IMediaUrlSigner Signer => _services.GetRequiredService<IMediaUrlSigner>();

    public void Dispose()
    {
        _services.Dispose();
        Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public void Render_NoLifetime_SignedWithDefaultLifetime()
    {
        var output = Render("{{ 'docs/report.txt' | signed_media_url }}");

        Assert.Equal(ReportUrl, output);
        Assert.Contains(ExpiryOf(Signer.GetExpiry()), output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{{ 'docs/report.txt' | signed_media_url: lifetime: 60 }}")]
    [InlineData("{{ 'docs/report.txt' | signed_media_url: 60 }}")]
    [InlineData("{{ 'docs/report.txt' | signed_media_url: '60' }}")]
    [InlineData("{{ 'docs/report.txt' | signed_media_url: 10, lifetime: 60 }}")]
    public void Render_Lifetime60_SignedFor60Seconds(string template)
    {
        var output = Render(template);

        Assert.Equal(Signer.BuildUrl("/media", "docs/report.txt", TimeSpan.FromSeconds(60)), output);
        Assert.Contains(ExpiryOf(Signer.GetExpiry(TimeSpan.FromSeconds(60))), output, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_LifetimeAboveMax_Capped()
    {
        var output = Render("{{ 'docs/report.txt' | signed_media_url: lifetime: 999999 }}");

        Assert.Contains(ExpiryOf(Signer.GetExpiry(TimeSpan.FromSeconds(7200))), output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{{ 'docs/report.txt' | signed_media_url: lifetime: 0 }}")]
    [InlineData("{{ 'docs/report.txt' | signed_media_url: lifetime: -5 }}")]
    [InlineData("{{ 'docs/report.txt' | signed_media_url: lifetime: 'soon' }}")]
    public void Render_LifetimeNotPositive_DefaultLifetime(string template)
    {
        Assert.Equal(ReportUrl, Render(template));
    }

    [Theory]
    [InlineData("{{ nothing | signed_media_url }}")]
    [InlineData("{{ '' | signed_media_url }}")]
    [InlineData("{{ nil | signed_media_url: lifetime: 60 }}")]
    public void Render_NilOrEmpty_Empty(string template)
    {
        Assert.Equal(string.Empty, Render(template));
    }

    [Theory]
    [InlineData("public/../docs/report.txt")]
    [InlineData("docs\\report.txt")]
    [InlineData("/media/public/%2e%2e/docs/report.txt")]
    public void Render_InvalidPath_EmptyAndDebugLog(string path)
    {
        var output = Render("{{ p | signed_media_url }}", path);

        Assert.Equal(string.Empty, output);
        var entry = Assert.Single(_logger.Collector.GetSnapshot());
        Assert.Equal(LogLevel.Debug, entry.Level);
        Assert.Equal(1104, entry.Id.Id);
    }

    [Theory]
    [InlineData("public/logo.png", "/media/public/logo.png")]
    [InlineData("/media/public/logo.png", "/media/public/logo.png")]
    [InlineData("public/logo.png?width=100", "/media/public/logo.png?width=100")]
    public void Render_PublicPath_Unsigned(string path, string expected)
    {
        Assert.Equal(expected, Render("{{ p | signed_media_url }}", path));
    }

    [Theory]
    [InlineData("/docs/report.txt")]
    [InlineData("/media/docs/report.txt")]
    public void Render_LeadingSlashOrMediaPrefix_Tolerated(string path)
    {
        Assert.Equal(ReportUrl, Render("{{ p | signed_media_url }}", path));
    }

    [Fact]
    public void Render_EscapedUrlUnderMediaPrefix_DecodedOnce()
    {
        Assert.Equal(WithSpaceUrl, Render("{{ p | signed_media_url }}", "/media/docs/with%20space.txt"));
    }

    [Fact]
    public void Render_QueryKept_TokenLast()
    {
        var output = Render("{{ 'docs/report.txt?width=100' | signed_media_url }}");

        Assert.Matches(@"^/media/docs/report\.txt\?width=100&tt=[^&]+$", output);
    }

    [Fact]
    public void Render_HtmlEncoder_AmpersandEncoded()
    {
        var output = Render("{{ 'docs/report.txt?width=100' | signed_media_url }}", encoder: HtmlEncoder.Default);

        Assert.Contains("?width=100&amp;tt=", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_UrlFromMapper_TokenAddedToMappedUrl()
    {
        var filter = new SignedMediaUrlFilter(Signer, "/media", p => "https://cdn.example.com/t1/media/" + MediaUrl.EscapePath(p));
        var options = new TemplateOptions();
        options.Filters.AddFilter(SignedMediaUrlFilter.Name, filter.SignedMediaUrl);
        Assert.True(s_parser.TryParse("{{ 'docs/with space.txt' | signed_media_url }}", out var template, out var error), error);

        var output = await template.RenderAsync(new TemplateContext(options), NullEncoder.Default);

        Assert.Equal(CdnWithSpaceUrl, output);
        Assert.Contains("?tt=", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_SignedUrl_ServedByGate()
    {
        await using var site = await MediaSite.StartAsync();
        var options = new TemplateOptions().AddTimeTokenFilters(site.Signer, "/media");
        Assert.True(s_parser.TryParse("{{ 'docs/report.txt' | signed_media_url: lifetime: 60 }}", out var template, out var error), error);
        var url = await template.RenderAsync(new TemplateContext(options), NullEncoder.Default);

        using var response = await site.GetAsync(url);

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
    }

    private static string ExpiryOf(DateTimeOffset expiry) =>
        "." + expiry.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture) + ".";

    private string Render(string source, string? path = null, TextEncoder? encoder = null)
    {
        var options = new TemplateOptions().AddTimeTokenFilters(Signer, "/media", _logger);
        Assert.True(s_parser.TryParse(source, out var template, out var error), error);
        var context = new TemplateContext(options);
        if (path is not null)
        {
            context.SetValue("p", path);
        }

        return template.Render(context, encoder ?? NullEncoder.Default);
    }
}
