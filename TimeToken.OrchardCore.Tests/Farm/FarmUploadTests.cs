using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using TimeToken.Tests.TestSupport;

namespace TimeToken.Tests.Farm;

/// <summary>Upload slots on the farm: claimed once across nodes (Redis), and a node killed mid-upload leaves nothing.</summary>
[Collection(SharedWebFarm.Name)]
public sealed class FarmUploadTests
{
    private readonly WebFarm _farm;

    public FarmUploadTests(WebFarm farm)
    {
        _farm = farm;
        _farm.RequireFarm();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static byte[] Png => File.ReadAllBytes(Path.Combine(RepositoryPaths.Root, "samples", "TimeToken.OrchardCore.Site", "Recipes", "media", "public", "logo.png"));

    [Fact]
    public async Task Slot_50RacingPostsAcrossBothNodes_ExactlyOne201()
    {
        // Arrange
        using var admin = await FarmAdmin.LogInAsync(_farm.A);
        var url = await SlotUrlAsync(admin, "farm-race");
        using var a = _farm.A.CreateAnonymousClient();
        using var b = _farm.B.CreateAnonymousClient();
        var png = Png;

        // Act
        var answers = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => PostAsync(i % 2 == 0 ? a : b, url, new ByteArrayContent(png), $"race-{i}.png")));

        // Assert: one file, the others 409.
        Assert.Single(answers, s => s == HttpStatusCode.Created);
        Assert.All(answers.Where(s => s != HttpStatusCode.Created), s => Assert.Equal(HttpStatusCode.Conflict, s));
        Assert.Single(Directory.GetFiles(Path.Combine(_farm.MediaRoot, "farm-race")));
        Assert.Empty(_farm.A.Problems);
        Assert.Empty(_farm.B.Problems);
    }

    [Fact]
    public async Task NodeKilledMidUpload_Restarted_NoPartialFileInStoreNorTempFolder()
    {
        // Arrange: a body of 256 KiB of which the first 64 KiB are sent, then nothing.
        using var admin = await FarmAdmin.LogInAsync(_farm.A);
        var url = await SlotUrlAsync(admin, "farm-crash");
        using var a = _farm.A.CreateAnonymousClient();
        using var stalled = new StalledContent(64 * 1024, 256 * 1024);
        var upload = PostAsync(a, url, stalled, "crash.png");
        var temp = _farm.A.UploadTempFolder();
        var stopwatch = Stopwatch.StartNew();
        while (!Directory.EnumerateFiles(temp, "*.upload").Any(f => new FileInfo(f).Length > 0) && stopwatch.Elapsed < FarmLinks.Patience)
        {
            await Task.Delay(10, Ct);
        }

        var partial = Directory.GetFiles(temp, "*.upload");

        // Act: SIGKILL, then the node starts again on its own files.
        await _farm.A.KillAsync();
        stalled.Stop();
        await Assert.ThrowsAnyAsync<Exception>(() => upload);
        await _farm.A.RestartAsync();
        stopwatch.Restart();
        while (Directory.EnumerateFiles(temp, "*.upload").Any() && stopwatch.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(20, Ct);
        }

        using var b = _farm.B.CreateAnonymousClient();
        var retried = await PostAsync(b, url, new ByteArrayContent(Png), "crash.png");

        // Assert: the body was in A's temp folder when A died; after the restart it is gone, nothing reached the
        // store, and the claimed slot answers 409 (its claim lives until the slot expires; ask for a new slot).
        Assert.NotEmpty(partial);
        Assert.Empty(Directory.EnumerateFiles(temp, "*.upload"));
        Assert.False(Directory.Exists(Path.Combine(_farm.MediaRoot, "farm-crash")) && Directory.EnumerateFileSystemEntries(Path.Combine(_farm.MediaRoot, "farm-crash")).Any());
        Assert.Equal(HttpStatusCode.Conflict, retried);
        Assert.Empty(_farm.A.Problems);
        Assert.Empty(_farm.B.Problems);
    }

    internal static async Task<string> SlotUrlAsync(FarmAdmin admin, string folder)
    {
        var (status, body) = await admin.CreateSlotAsync(folder);
        Assert.True(status == HttpStatusCode.OK || status == HttpStatusCode.Created, $"slot creation answered {(int)status}: {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("url").GetString()!;
    }

    internal static async Task<HttpStatusCode> PostAsync(HttpClient client, string url, HttpContent content, string fileName)
    {
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
        request.Headers.Add("X-File-Name", fileName);
        using var answer = await client.SendAsync(request);
        return answer.StatusCode;
    }

    // A body that announces its full length, sends the first part, then waits until stopped.
    private sealed class StalledContent : HttpContent
    {
        private readonly int _sent;
        private readonly int _length;
        private readonly CancellationTokenSource _stop = new();

        public StalledContent(int sent, int length)
        {
            _sent = sent;
            _length = length;
        }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            await stream.WriteAsync(new byte[_sent]);
            await stream.FlushAsync();
            await Task.Delay(Timeout.Infinite, _stop.Token);
        }

        public void Stop() => _stop.Cancel();

        protected override void Dispose(bool disposing)
        {
            _stop.Dispose();
            base.Dispose(disposing);
        }

        protected override bool TryComputeLength(out long length)
        {
            length = _length;
            return true;
        }
    }
}
