using System.Net;
using Microsoft.Extensions.DependencyInjection;
using TimeToken.Core.Uploads;

namespace TimeToken.Tests.Core.Uploads;

/// <summary>A handler refuses an upload with <see cref="UploadRefusedException"/>: its 4xx and message, the slot released.</summary>
public sealed class UploadRefusedByHandlerTests
{
    private const string RefusingHandler = "refusing";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Post_HandlerThrowsUploadRefused_AnswersItsStatusAndMessageAndReleasesTheSlot()
    {
        // Arrange
        await using var host = await UploadTestHost.StartAsync(services: s =>
        {
            s.AddSingleton<RefusalSwitch>();
            s.AddUploadSlotHandler<RefusingUploadHandler>(RefusingHandler);
        });
        var slot = await host.CreateAsync(handler: RefusingHandler);
        var refusals = host.Services.GetRequiredService<RefusalSwitch>();

        // Act: refused twice, then accepted.
        using var first = await host.PostFileAsync(slot.Url, [1, 2, 3]);
        var firstBody = await first.Content.ReadAsStringAsync(Ct);
        using var second = await host.PostFileAsync(slot.Url, [1, 2, 3]);
        refusals.Refuse = false;
        using var third = await host.PostFileAsync(slot.Url, [1, 2, 3]);

        // Assert: refusals are not failed attempts (the default limit is 3, and the third post still runs).
        Assert.Equal((HttpStatusCode)422, first.StatusCode);
        Assert.Equal("The target of this upload is gone.", firstBody);
        Assert.Equal("no-store", first.Headers.CacheControl?.ToString());
        Assert.Equal((HttpStatusCode)422, second.StatusCode);
        Assert.Equal(HttpStatusCode.Created, third.StatusCode);
        Assert.Equal(3, refusals.Calls);
        Assert.Empty(host.TempFiles());
        Assert.DoesNotContain(host.Logs.GetSnapshot(), r => r.Id.Id == 1201);
    }

    [Theory]
    [InlineData(399)]
    [InlineData(500)]
    public void Constructor_NotAClientError_Throws(int status)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new UploadRefusedException(status, "x"));
    }

    private sealed class RefusalSwitch
    {
        public bool Refuse { get; set; } = true;

        public int Calls { get; set; }
    }

    private sealed class RefusingUploadHandler : IUploadSlotHandler
    {
        private readonly RefusalSwitch _switch;

        public RefusingUploadHandler(RefusalSwitch refusalSwitch) => _switch = refusalSwitch;

        public ValueTask<object?> HandleAsync(UploadSlotContext context, CancellationToken cancellationToken)
        {
            _switch.Calls++;
            if (_switch.Refuse)
            {
                throw new UploadRefusedException(422, "The target of this upload is gone.");
            }

            return ValueTask.FromResult<object?>(new { ok = true });
        }
    }
}
