using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using OrchardCore.Entities;
using OrchardCore.Settings;
using TimeToken.Core;
using TimeToken.OrchardCore.Settings;
using TimeToken.Core.Signing;
using TimeToken.Tests.TestSupport;

namespace TimeToken.Tests.OrchardCore;

/// <summary>Key ring storage, options from site settings and configuration, and recipes.</summary>
public sealed class SiteSettingsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static StoredKeyRingProvider Provider(FakeSiteService siteService, IDataProtectionProvider dataProtection, FakeLogger<StoredKeyRingProvider>? logger = null) => new(
        new SiteKeyRingStore(siteService),
        dataProtection,
        new FakeTimeProvider(TestMedia.Start),
        new StaticOptionsMonitor(new TimeTokenOptions()),
        logger ?? new FakeLogger<StoredKeyRingProvider>());

    private static TimeTokenOptions Configure(FakeSiteService siteService, IDictionary<string, string?>? configuration = null, FakeLogger<TimeTokenOptionsConfiguration>? logger = null)
    {
        var options = new TimeTokenOptions();
        new TimeTokenOptionsConfiguration(siteService, new FakeShellConfiguration(configuration), logger ?? new FakeLogger<TimeTokenOptionsConfiguration>()).Configure(options);
        return options;
    }

    [Fact]
    public async Task SaveThenLoad_SiteKeyRingStore_RoundTripsInItsOwnProperty()
    {
        // Arrange
        var siteService = new FakeSiteService();
        var store = new SiteKeyRingStore(siteService);

        // Act
        await store.SaveAsync("protected-text", Ct);
        var loaded = await store.LoadAsync(Ct);

        // Assert
        Assert.Equal("protected-text", loaded);
        Assert.Equal("protected-text", siteService.Stored.Properties["TimeTokenKeyRingSettings"]!["ProtectedKeyRing"]!.GetValue<string>());
        Assert.False(siteService.Stored.Properties.ContainsKey("TimeTokenSettings"));
    }

    [Fact]
    public async Task GetKeyRing_NewProviderSameTenant_SameActiveKey()
    {
        // Arrange
        var siteService = new FakeSiteService();
        var dataProtection = new EphemeralDataProtectionProvider();
        var first = await Provider(siteService, dataProtection).GetKeyRingAsync(Ct);

        // Act: a tenant release builds a new provider over the same site settings.
        var second = await Provider(siteService, dataProtection).GetKeyRingAsync(Ct);

        // Assert
        Assert.Equal(first.Active.Id, second.Active.Id);
        Assert.True(first.Active.Material.Span.SequenceEqual(second.Active.Material.Span));
        var stored = siteService.Stored.Properties["TimeTokenKeyRingSettings"]!.ToJsonString();
        Assert.DoesNotContain(Convert.ToBase64String(first.Active.Material.Span), stored, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rotate_StoredKeyRingProvider_SavedAndReadBack()
    {
        // Arrange
        var siteService = new FakeSiteService();
        var dataProtection = new EphemeralDataProtectionProvider();
        var provider = Provider(siteService, dataProtection);
        var before = await provider.GetKeyRingAsync(Ct);

        // Act
        var rotated = await provider.RotateAsync(Ct);
        var reread = await Provider(siteService, dataProtection).GetKeyRingAsync(Ct);

        // Assert
        Assert.NotEqual(before.Active.Id, rotated.Active.Id);
        Assert.Equal(rotated.Active.Id, reread.Active.Id);
        Assert.True(reread.TryGetKey(before.Active.Id, out _));
    }

    [Fact]
    public void RecipeSettingsStep_TimeTokenSettings_RoundTripsIntoOptions()
    {
        // Arrange: Orchard's Settings step copies every key it does not know into the site's properties.
        var step = JsonNode.Parse("""
            {
              "name": "Settings",
              "TimeTokenSettings": {
                "TimeoutSeconds": 900,
                "MaxLifetimeSeconds": 7200,
                "ParameterName": "sig",
                "UsePublicNamespace": true,
                "PublicNamespace": "open/",
                "FailureStatusCode": 410,
                "UploadNamespace": "files/upload"
              }
            }
            """)!.AsObject();
        var siteService = new FakeSiteService();
        ApplySettingsStep(siteService, step);

        // Act
        var settings = siteService.Stored.GetOrCreate<TimeTokenSettings>();
        var options = Configure(siteService);

        // Assert
        Assert.Equal(900, settings.TimeoutSeconds);
        Assert.Equal("sig", settings.ParameterName);
        Assert.Equal(900, options.TimeoutSeconds);
        Assert.Equal(7200, options.MaxLifetimeSeconds);
        Assert.Equal("sig", options.ParameterName);
        Assert.Equal("open/", options.PublicNamespace);
        Assert.Equal(410, options.FailureStatusCode);
        Assert.Equal("files/upload", options.UploadNamespace);
    }

    [Fact]
    public async Task RecipeSettingsStep_KeyMaterial_CannotPlantUsableKeyRing()
    {
        // Arrange: a recipe that tries to set the key ring, in the settings and in the ring's own property.
        var attacker = KeyRing.Create(TimeProvider.System);
        var forged = KeyRingProtector.Protect(attacker, new EphemeralDataProtectionProvider());
        var step = JsonNode.Parse($$"""
            {
              "name": "Settings",
              "TimeTokenSettings": { "TimeoutSeconds": 600, "KeyRing": "{{forged}}", "Keys": [ { "Id": "{{attacker.Active.Id}}" } ] },
              "TimeTokenKeyRingSettings": { "ProtectedKeyRing": "{{forged}}" }
            }
            """)!.AsObject();
        var siteService = new FakeSiteService();
        ApplySettingsStep(siteService, step);
        var logger = new FakeLogger<StoredKeyRingProvider>();

        // Act
        var ring = await Provider(siteService, new EphemeralDataProtectionProvider(), logger).GetKeyRingAsync(Ct);

        // Assert
        Assert.NotEqual(attacker.Active.Id, ring.Active.Id);
        Assert.False(ring.TryGetKey(attacker.Active.Id, out _));
        Assert.Contains(logger.Collector.GetSnapshot(), r => r.Id.Id == 1001 && r.Level == LogLevel.Warning);
        Assert.NotEqual(forged, siteService.Stored.GetOrCreate<TimeTokenKeyRingSettings>().ProtectedKeyRing);
        Assert.Equal(600, Configure(siteService).TimeoutSeconds);
    }

    [Fact]
    public void Configure_AppSettingsOverride_WinsOverSiteSettings()
    {
        // Arrange
        var siteService = new FakeSiteService();
        siteService.Stored.Put(new TimeTokenSettings { TimeoutSeconds = 600, ParameterName = "sig", FailureStatusCode = 410 });

        // Act
        var options = Configure(siteService, new Dictionary<string, string?>
        {
            ["OrchardCore_TimeToken:TimeoutSeconds"] = "120",
            ["OrchardCore_TimeToken:Uploads:MaxBytes"] = "1000",
            ["OrchardCore_TimeToken:Redis"] = "redis.example:6379",
        });

        // Assert
        Assert.Equal(120, options.TimeoutSeconds);
        Assert.Equal("sig", options.ParameterName);
        Assert.Equal(410, options.FailureStatusCode);
        Assert.Equal(1000, options.Uploads.MaxBytes);
        Assert.Equal("redis.example:6379", options.Redis);
    }

    [Fact]
    public void Configure_NoSiteSettings_Defaults()
    {
        // Arrange
        var siteService = new FakeSiteService();

        // Act
        var options = Configure(siteService);

        // Assert
        Assert.Equal(3600, options.TimeoutSeconds);
        Assert.Equal("tt", options.ParameterName);
        Assert.Equal("public/", options.PublicNamespace);
        Assert.Null(options.Redis);
    }

    [Fact]
    public void Configure_InvalidSiteSettings_DefaultsAndWarning()
    {
        // Arrange: settings a recipe wrote, which the page would have refused.
        var siteService = new FakeSiteService();
        siteService.Stored.Put(new TimeTokenSettings { TimeoutSeconds = 1, ParameterName = "token" });
        var logger = new FakeLogger<TimeTokenOptionsConfiguration>();

        // Act
        var options = Configure(siteService, logger: logger);

        // Assert
        Assert.Equal(3600, options.TimeoutSeconds);
        Assert.Equal("tt", options.ParameterName);
        var record = Assert.Single(logger.Collector.GetSnapshot());
        Assert.Equal(1302, record.Id.Id);
        Assert.Equal(LogLevel.Warning, record.Level);
    }

    [Fact]
    public void Configure_OrchardRedisConfigured_UsedWhenOwnRedisEmpty()
    {
        // Arrange
        var siteService = new FakeSiteService();

        // Act
        var fallback = Configure(siteService, new Dictionary<string, string?> { ["OrchardCore_Redis:Configuration"] = "orchard-redis:6379" });
        var own = Configure(siteService, new Dictionary<string, string?>
        {
            ["OrchardCore_Redis:Configuration"] = "orchard-redis:6379",
            ["OrchardCore_TimeToken:Redis"] = "own-redis:6379",
        });

        // Assert
        Assert.Equal("orchard-redis:6379", fallback.Redis);
        Assert.Equal("own-redis:6379", own.Redis);
    }

    [Fact]
    public async Task Options_ThroughHost_FilledFromSiteSettings()
    {
        // Arrange
        await using var host = await OrchardMediaHost.StartAsync();
        host.SiteService.Stored.Put(new TimeTokenSettings { ParameterName = "sig" });

        // Act
        var options = ((IServiceProvider)host.Services).GetService(typeof(IOptionsMonitor<TimeTokenOptions>)) as IOptionsMonitor<TimeTokenOptions>;

        // Assert
        Assert.Equal("sig", options!.CurrentValue.ParameterName);
    }

    /// <summary>What Orchard Core 3.0.1's Settings recipe step does with keys it does not know: copy them as they are.</summary>
    private static void ApplySettingsStep(FakeSiteService siteService, JsonObject step)
    {
        var site = (SiteSettings)siteService.LoadSiteSettingsAsync().GetAwaiter().GetResult();
        foreach (var (key, value) in step)
        {
            if (key != "name")
            {
                site.Properties[key] = value?.DeepClone();
            }
        }

        siteService.UpdateSiteSettingsAsync(site).GetAwaiter().GetResult();
    }

    private sealed class StaticOptionsMonitor : IOptionsMonitor<TimeTokenOptions>
    {
        public StaticOptionsMonitor(TimeTokenOptions value) => CurrentValue = value;

        public TimeTokenOptions CurrentValue { get; }

        public TimeTokenOptions Get(string? name) => CurrentValue;

        public IDisposable? OnChange(Action<TimeTokenOptions, string?> listener) => null;
    }
}
