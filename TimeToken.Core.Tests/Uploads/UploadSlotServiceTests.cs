using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TimeToken.Core;
using TimeToken.Core.Signing;
using TimeToken.Core.Uploads;

namespace TimeToken.Tests.Core.Uploads;

public sealed class UploadSlotServiceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static ServiceProvider Build(FakeTimeProvider time, Action<TimeTokenOptions>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(time);
        services.Configure<TimeTokenOptions>(o =>
        {
            o.TimeoutSeconds = 600;
            o.MaxLifetimeSeconds = 3600;
            o.Uploads.MaxBytes = 10_000;
            o.Uploads.MaxFiles = 4;
            configure?.Invoke(o);
        });
        services.AddTimeTokenUploadSlots();
        services.AddUploadSlotHandler<RecordingHandler>("record");
        return services.BuildServiceProvider();
    }

    [Fact]
    public async Task CreateAsync_NoOptions_UsesGlobalLimitsTimeoutAndOneFile()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, 500, TimeSpan.Zero));
        await using var services = Build(time, o => o.Uploads.AllowedExtensions = ".PNG, .pdf");
        var slots = services.GetRequiredService<IUploadSlotService>();

        var slot = await slots.CreateAsync("record", cancellationToken: Ct);

        Assert.Equal(time.GetUtcNow().AddSeconds(600.5), slot.ExpiresAt);
        Assert.Equal(10_000, slot.MaxBytes);
        Assert.Equal(1, slot.MaxFiles);
        Assert.Equal([".pdf", ".png"], slot.AllowedExtensions);
    }

    [Fact]
    public async Task CreateAsync_Url_HoldsRandomSlotIdAndVerifiableUploadToken()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var services = Build(time);
        var slots = services.GetRequiredService<IUploadSlotService>();
        var ring = services.GetRequiredService<IKeyRingProvider>().GetKeyRing();
        var options = new TimeTokenOptions { TimeoutSeconds = 600, MaxLifetimeSeconds = 3600 };

        var a = await slots.CreateAsync("record", cancellationToken: Ct);
        var b = await slots.CreateAsync("record", cancellationToken: Ct);

        var parts = a.Url.Split('/');
        Assert.Equal(["", "timetoken", "upload"], parts[..3]);
        Assert.Equal(5, parts.Length);
        Assert.True(UploadSlotToken.IsValidSlotId(parts[3]));
        Assert.NotEqual(parts[3], b.Url.Split('/')[3]);
        Assert.Equal(TokenFailure.None, UploadSlotToken.Verify(parts[3], parts[4], ring, options, time.GetUtcNow()));
        Assert.Equal(TokenFailure.BadSignature, UploadSlotToken.Verify(b.Url.Split('/')[3], parts[4], ring, options, time.GetUtcNow()));
        Assert.Equal(TokenFailure.Expired, UploadSlotToken.Verify(parts[3], parts[4], ring, options, a.ExpiresAt));
    }

    [Fact]
    public void Verify_IssueTimeTokenOfTheSlotsOwnId_Malformed()
    {
        // A media link's issue-time form never opens a slot, even signed over the slot's id.
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var ring = KeyRing.Create(time);
        var options = new TimeTokenOptions();
        const string SlotId = "0123456789abcdef0123456789abcdef";
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        var token = TokenSigner.SignIssuedAt(ring.Active, SlotId, now, now + 600);

        Assert.Equal(TokenFailure.Malformed, UploadSlotToken.Verify(SlotId, token, ring, options, time.GetUtcNow()));
    }

    [Fact]
    public async Task CreateAsync_OptionsAboveGlobal_AreCapped()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        await using var services = Build(time);
        var slots = services.GetRequiredService<IUploadSlotService>();

        var slot = await slots.CreateAsync(
            "record",
            options: new UploadSlotOptions { Lifetime = TimeSpan.FromDays(2), MaxBytes = 1_000_000, MaxFiles = 50 },
            cancellationToken: Ct);
        var narrow = await slots.CreateAsync(
            "record",
            options: new UploadSlotOptions { Lifetime = TimeSpan.FromSeconds(30), MaxBytes = 10, MaxFiles = 3 },
            cancellationToken: Ct);

        Assert.Equal(time.GetUtcNow().AddSeconds(3600), slot.ExpiresAt);
        Assert.Equal((10_000L, 4), (slot.MaxBytes, slot.MaxFiles));
        Assert.Equal(time.GetUtcNow().AddSeconds(30), narrow.ExpiresAt);
        Assert.Equal((10L, 3), (narrow.MaxBytes, narrow.MaxFiles));
    }

    [Fact]
    public async Task CreateAsync_Extensions_AreIntersectedWithGlobal()
    {
        await using var services = Build(new FakeTimeProvider(), o => o.Uploads.AllowedExtensions = ".png,.pdf");
        var slots = services.GetRequiredService<IUploadSlotService>();

        var slot = await slots.CreateAsync("record", options: new UploadSlotOptions { AllowedExtensions = [".PDF", ".exe"] }, cancellationToken: Ct);

        Assert.Equal([".pdf"], slot.AllowedExtensions);
        await Assert.ThrowsAsync<ArgumentException>(() => slots.CreateAsync("record", options: new UploadSlotOptions { AllowedExtensions = [".exe"] }, cancellationToken: Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => slots.CreateAsync("record", options: new UploadSlotOptions { AllowedExtensions = ["pdf"] }, cancellationToken: Ct));
    }

    [Fact]
    public async Task CreateAsync_UnknownHandler_ThrowsArgumentException()
    {
        await using var services = Build(new FakeTimeProvider());
        var slots = services.GetRequiredService<IUploadSlotService>();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => slots.CreateAsync("nope", cancellationToken: Ct));

        Assert.Equal("handlerName", error.ParamName);
    }

    [Fact]
    public async Task CreateAsync_ArgumentsOver16KB_ThrowsArgumentException()
    {
        await using var services = Build(new FakeTimeProvider());
        var slots = services.GetRequiredService<IUploadSlotService>();
        var big = JsonSerializer.SerializeToElement(new { data = new string('x', 16 * 1024) });
        var fits = JsonSerializer.SerializeToElement(new { data = new string('x', (16 * 1024) - 20) });

        await Assert.ThrowsAsync<ArgumentException>(() => slots.CreateAsync("record", big, cancellationToken: Ct));
        await slots.CreateAsync("record", fits, cancellationToken: Ct);
    }

    [Fact]
    public async Task CreateAsync_NonPositiveOptions_Throw()
    {
        await using var services = Build(new FakeTimeProvider());
        var slots = services.GetRequiredService<IUploadSlotService>();

        await Assert.ThrowsAnyAsync<ArgumentException>(() => slots.CreateAsync("record", options: new UploadSlotOptions { Lifetime = TimeSpan.Zero }, cancellationToken: Ct));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => slots.CreateAsync("record", options: new UploadSlotOptions { MaxBytes = 0 }, cancellationToken: Ct));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => slots.CreateAsync("record", options: new UploadSlotOptions { MaxFiles = -1 }, cancellationToken: Ct));
    }

    [Fact]
    public void AddUploadSlotHandler_NameTakenByOtherTypeOrMalformed_Throws()
    {
        var services = new ServiceCollection();
        services.AddUploadSlotHandler<RecordingHandler>("one");
        services.AddUploadSlotHandler<RecordingHandler>("one");

        Assert.Throws<ArgumentException>(() => services.AddUploadSlotHandler<SaveToFolderUploadSlotHandler>("one"));
        Assert.Throws<ArgumentException>(() => services.AddUploadSlotHandler<RecordingHandler>("bad name"));
        Assert.Throws<ArgumentException>(() => services.AddUploadSlotHandler<RecordingHandler>(string.Empty));
        Assert.Single(services, d => d.ServiceType == typeof(RecordingHandler));
        Assert.Single(services, d => d.ServiceType == typeof(UploadSlotHandlerRegistration));
    }

    [Fact]
    public async Task AddTimeTokenUploadSlots_ChoosesStoreFromOptions_AndConnectsLazily()
    {
        var withRedis = new ServiceCollection().AddLogging().Configure<TimeTokenOptions>(o => o.Redis = "127.0.0.1:1,connectTimeout=100");
        withRedis.AddTimeTokenUploadSlots();
        await using var redisServices = withRedis.BuildServiceProvider();
        var memory = new ServiceCollection().AddLogging().AddTimeTokenUploadSlots();
        await using var memoryServices = memory.BuildServiceProvider();

        // Nothing listens on port 1: resolving must not connect.
        Assert.IsType<RedisUploadSlotStore>(redisServices.GetRequiredService<IUploadSlotStore>());
        Assert.IsType<MemoryUploadSlotStore>(memoryServices.GetRequiredService<IUploadSlotStore>());
        Assert.Same(TimeProvider.System, memoryServices.GetRequiredService<TimeProvider>());
        Assert.IsType<StaticKeyRingProvider>(memoryServices.GetRequiredService<IKeyRingProvider>());
    }
}
