using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using TimeToken.Core.Signing;
using TimeToken.Core.Uploads;

namespace TimeToken.Tests.Core.Uploads;

public sealed class UploadSlotEndpointTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Post_Multipart_Returns201AndHandlerGetsExactBytesAndArguments()
    {
        await using var host = await UploadTestHost.StartAsync();
        var slot = await host.CreateAsync(new { folder = "docs", n = 7 });
        var content = TestData.Bytes(1000);

        using var response = await host.PostFileAsync(slot.Url, content, "Report.PDF");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("""{"files":1,"bytes":1000}""", await response.Content.ReadAsStringAsync(Ct));
        var call = Assert.Single(host.Calls.Calls);
        Assert.Equal("""{"folder":"docs","n":7}""", call.Arguments);
        var file = Assert.Single(call.Files);
        Assert.Equal("Report.PDF", file.Name);
        Assert.Equal("file", file.Field);
        Assert.Equal(content, file.Content);
        Assert.Empty(host.TempFiles());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Post_RawBodyWithFileName_Returns201(bool inHeader)
    {
        await using var host = await UploadTestHost.StartAsync();
        var slot = await host.CreateAsync();
        var content = TestData.Bytes(500);
        using var body = new ByteArrayContent(content);
        body.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        using var request = new HttpRequestMessage(HttpMethod.Post, slot.Url.TrimStart('/') + (inHeader ? string.Empty : "?filename=r%C3%A9sum%C3%A9.png")) { Content = body };
        if (inHeader)
        {
            request.Headers.Add("X-File-Name", "r%C3%A9sum%C3%A9.png");
        }

        using var response = await host.Client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var file = Assert.Single(Assert.Single(host.Calls.Calls).Files);
        Assert.Equal("r\u00e9sum\u00e9.png", file.Name);
        Assert.Equal("image/png", file.ContentType);
        Assert.Null(file.Field);
        Assert.Equal(content, file.Content);
    }

    [Fact]
    public async Task Post_RawBodyWithoutFileName_Returns400AndSlotStaysUsable()
    {
        await using var host = await UploadTestHost.StartAsync();
        var slot = await host.CreateAsync();

        using var response = await host.Client.PostAsync(slot.Url.TrimStart('/'), new ByteArrayContent([1, 2, 3]), Ct);
        using var retry = await host.PostFileAsync(slot.Url, [1, 2, 3]);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
    }

    [Fact]
    public async Task Post_SecondTime_Returns409()
    {
        await using var host = await UploadTestHost.StartAsync();
        var slot = await host.CreateAsync();

        using var first = await host.PostFileAsync(slot.Url, [1]);
        using var second = await host.PostFileAsync(slot.Url, [2]);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Single(host.Calls.Calls);
    }

    [Fact]
    public async Task Post_50Concurrent_HandlerRunsExactlyOnce()
    {
        await using var host = await UploadTestHost.StartAsync();
        host.Calls.DelayMs = 50;
        var slot = await host.CreateAsync();

        var statuses = await ConcurrentPostsAsync(host.Client, slot.Url, 50);

        Assert.Equal(1, statuses.Count(s => s == HttpStatusCode.Created));
        Assert.Equal(49, statuses.Count(s => s == HttpStatusCode.Conflict));
        Assert.Single(host.Calls.Calls);
    }

    internal static async Task<HttpStatusCode[]> ConcurrentPostsAsync(HttpClient client, string url, int count)
    {
        using var start = new SemaphoreSlim(0);
        var tasks = Enumerable.Range(0, count).Select(async i =>
        {
            await start.WaitAsync(TestContext.Current.CancellationToken);
            using var response = await client.PostAsync(url.TrimStart('/'), UploadTestHost.Multipart(("c.txt", TestData.Bytes(100, i))), TestContext.Current.CancellationToken);
            return response.StatusCode;
        }).ToArray();
        start.Release(count);
        return await Task.WhenAll(tasks);
    }

    public enum BodyMode
    {
        Multipart,
        Raw,
        ChunkedMultipart,
        ChunkedRaw,
    }

    [Theory]
    [InlineData(BodyMode.Multipart)]
    [InlineData(BodyMode.Raw)]
    [InlineData(BodyMode.ChunkedMultipart)]
    [InlineData(BodyMode.ChunkedRaw)]
    public async Task Post_OneByteOverLimit_Returns413AndLeavesNoFile(BodyMode mode)
    {
        await using var host = await UploadTestHost.StartAsync();
        var slot = await host.CreateAsync(options: new UploadSlotOptions { MaxBytes = 600 }, arguments: new { folder = "in" }, handler: UploadTestHost.SaveHandler);
        var content = TestData.Bytes(601);

        using var response = await host.Client.PostAsync(slot.Url.TrimStart('/'), Body(mode, content), Ct);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Empty(host.TempFiles());
        Assert.Empty(host.SinkFiles());

        // Exactly at the limit the same slot still works: a refused upload does not use the slot.
        using var atLimit = await host.Client.PostAsync(slot.Url.TrimStart('/'), Body(mode, content[..600]), Ct);
        Assert.Equal(HttpStatusCode.Created, atLimit.StatusCode);
        Assert.Equal(content[..600], await File.ReadAllBytesAsync(Assert.Single(host.SinkFiles()), Ct));
        Assert.Empty(host.TempFiles());
    }

    private static HttpContent Body(BodyMode mode, byte[] content)
    {
        HttpContent part = mode is BodyMode.ChunkedMultipart or BodyMode.ChunkedRaw ? new ChunkedContent(content) : new ByteArrayContent(content);
        if (mode is BodyMode.Raw or BodyMode.ChunkedRaw)
        {
            part.Headers.ContentType = new("application/octet-stream");
            part.Headers.Add("X-File-Name", "big.bin");
            return part;
        }

        var form = new MultipartFormDataContent { { part, "file", "big.bin" } };
        return form;
    }

    [Fact]
    public async Task Post_DeclaredContentLengthOverLimit_Returns413BeforeTheBodyIsSent()
    {
        await using var host = await UploadTestHost.StartAsync();
        var slot = await host.CreateAsync();

        var status = await host.SendRawAsync(slot.Url, "Content-Type: application/octet-stream\r\nX-File-Name: a.bin\r\nContent-Length: 1001\r\n", []);

        Assert.Equal(413, status);
        Assert.Empty(host.Calls.Calls);
    }

    [Fact]
    public async Task Post_ContentLengthSmallerThanBody_OnlyDeclaredBytesAreAccepted()
    {
        await using var host = await UploadTestHost.StartAsync();
        var slot = await host.CreateAsync();
        var content = TestData.Bytes(3000);

        var status = await host.SendRawAsync(slot.Url, "Content-Type: application/octet-stream\r\nX-File-Name: a.bin\r\nContent-Length: 40\r\n", content);

        Assert.Equal(201, status);
        var file = Assert.Single(Assert.Single(host.Calls.Calls).Files);
        Assert.Equal(content[..40], file.Content);
    }

    [Fact]
    public async Task Post_ClientAbortsMidBody_SlotIsReleasedAndNoTempFileRemains()
    {
        await using var host = await UploadTestHost.StartAsync();
        var slot = await host.CreateAsync();

        await host.SendRawAsync(slot.Url, "Content-Type: application/octet-stream\r\nX-File-Name: a.bin\r\nContent-Length: 900\r\n", TestData.Bytes(100), closeEarly: true);

        await UploadTestHost.EventuallyAsync(async () =>
        {
            using var retry = await host.PostFileAsync(slot.Url, [1, 2]);
            Assert.NotEqual(HttpStatusCode.NotFound, retry.StatusCode);
            return retry.StatusCode == HttpStatusCode.Created;
        });
        Assert.Empty(host.TempFiles());
        Assert.Equal([1, 2], Assert.Single(Assert.Single(host.Calls.Calls).Files).Content);
    }

    [Theory]
    [InlineData("evil.exe")]
    [InlineData("noextension")]
    [InlineData("image.png.exe")]
    public async Task Post_ExtensionNotAllowed_Returns415(string fileName)
    {
        await using var host = await UploadTestHost.StartAsync(o => o.Uploads.AllowedExtensions = ".png,.pdf");
        var slot = await host.CreateAsync();

        using var response = await host.PostFileAsync(slot.Url, [1, 2, 3], fileName);
        using var allowed = await host.PostFileAsync(slot.Url, [1, 2, 3], "Photo.PNG");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal(HttpStatusCode.Created, allowed.StatusCode);
        Assert.Empty(host.TempFiles());
    }

    [Fact]
    public async Task Post_MoreFilesThanAllowed_Returns400AndNoFileRemains()
    {
        await using var host = await UploadTestHost.StartAsync(o => o.Uploads.MaxFiles = 5);
        var slot = await host.CreateAsync(options: new UploadSlotOptions { MaxFiles = 2 });

        using var three = await host.Client.PostAsync(slot.Url.TrimStart('/'), UploadTestHost.Multipart(("a.txt", [1]), ("b.txt", [2]), ("c.txt", [3])), Ct);
        using var two = await host.Client.PostAsync(slot.Url.TrimStart('/'), UploadTestHost.Multipart(("a.txt", [1]), ("../../b.txt", [2])), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, three.StatusCode);
        Assert.Equal("The upload carries too many files.", await three.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.Created, two.StatusCode);
        Assert.Equal(["a.txt", "b.txt"], Assert.Single(host.Calls.Calls).Files.Select(f => f.Name));
        Assert.Empty(host.TempFiles());
    }

    [Fact]
    public async Task Post_MalformedMultipart_Returns400()
    {
        await using var host = await UploadTestHost.StartAsync();
        var slot = await host.CreateAsync();
        using var body = new StringContent("--xyz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n\r\nabc", Encoding.ASCII);
        body.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=xyz");

        using var response = await host.Client.PostAsync(slot.Url.TrimStart('/'), body, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(host.TempFiles());
        Assert.Empty(host.Calls.Calls);
    }

    [Fact]
    public async Task Post_HandlerThrows_Returns500GenericThenRetrySucceeds()
    {
        await using var host = await UploadTestHost.StartAsync();
        var slot = await host.CreateAsync();
        host.Calls.FailNext(1);

        using var failed = await host.PostFileAsync(slot.Url, [9, 9]);
        var failedBody = await failed.Content.ReadAsStringAsync(Ct);
        Assert.Empty(host.TempFiles());
        using var retry = await host.PostFileAsync(slot.Url, [9, 9]);

        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        Assert.Equal("The upload could not be processed.", failedBody);
        Assert.DoesNotContain("SECRET", failedBody, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Single(host.Calls.Calls);
        var error = Assert.Single(host.Logs.GetSnapshot(), r => r.Level >= LogLevel.Error);
        Assert.Equal(1201, error.Id.Id);
        Assert.Empty(host.TempFiles());
    }

    [Fact]
    public async Task Post_ExpiredSlot_ReturnsFailureStatus()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await UploadTestHost.StartAsync(o => o.TimeoutSeconds = 60, timeProvider: time);
        var slot = await host.CreateAsync();
        time.Advance(TimeSpan.FromSeconds(61));

        using var response = await host.PostFileAsync(slot.Url, [1]);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains(host.Logs.GetSnapshot(), r => r.Id.Id == 1211 && r.Message.Contains("Expired", StringComparison.Ordinal));
    }

    public static TheoryData<string> BadUrls => new()
    {
        "tampered-mac",
        "tampered-expiry",
        "media-token",
        "other-slot",
        "unknown-key",
        "no-token",
        "too-long",
        "garbage",
    };

    [Theory]
    [MemberData(nameof(BadUrls))]
    public async Task Post_BadSlotUrl_ReturnsSameFailureStatusAndBody(string kind)
    {
        await using var host = await UploadTestHost.StartAsync(o => o.FailureStatusCode = 410);
        var slot = await host.CreateAsync();
        var parts = slot.Url.Split('/');
        var (slotId, token) = (parts[^2], parts[^1]);
        var prefix = string.Join('/', parts[..^2]);
        var pieces = token.Split('.');
        var url = kind switch
        {
            "tampered-mac" => $"{prefix}/{slotId}/{pieces[0]}.{pieces[1]}.{Flip(pieces[2])}",
            "tampered-expiry" => $"{prefix}/{slotId}/{pieces[0]}.{long.Parse(pieces[1], CultureInfo.InvariantCulture) - 1}.{pieces[2]}",
            "media-token" => $"{prefix}/{slotId}/{TokenSigner.Sign(TokenPurpose.Media, host.KeyRing.Active, slotId, string.Empty, long.Parse(pieces[1], CultureInfo.InvariantCulture))}",
            "other-slot" => $"{prefix}/{Flip(slotId)}/{token}",
            "unknown-key" => $"{prefix}/{slotId}/{TokenSigner.Sign(TokenPurpose.Upload, SigningKey.Create(TimeProvider.System), slotId, string.Empty, long.Parse(pieces[1], CultureInfo.InvariantCulture))}",
            "no-token" => $"{prefix}/{slotId}",
            "too-long" => $"{prefix}/{slotId}/{token}{new string('A', 5000)}",
            _ => $"{prefix}/{slotId}/not.a.token",
        };

        using var response = await host.PostFileAsync(url, [1]);

        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
        Assert.Equal("Upload slot not found.", await response.Content.ReadAsStringAsync(Ct));
        Assert.Empty(host.Calls.Calls);
        using var genuine = await host.PostFileAsync(slot.Url, [1]);
        Assert.Equal(HttpStatusCode.Created, genuine.StatusCode);
    }

    private static string Flip(string text) => (text[0] == 'A' ? 'B' : 'A') + text[1..];

    [Fact]
    public async Task Post_UnknownSlotWithValidToken_ReturnsFailureStatus()
    {
        await using var host = await UploadTestHost.StartAsync();
        var slotId = new string('Q', 22);
        var token = TokenSigner.Sign(TokenPurpose.Upload, host.KeyRing.Active, slotId, string.Empty, DateTimeOffset.UtcNow.AddMinutes(5).ToUnixTimeSeconds());

        using var response = await host.PostFileAsync($"/timetoken/upload/{slotId}/{token}", [1]);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    public async Task Send_OtherMethod_Returns405(string method)
    {
        await using var host = await UploadTestHost.StartAsync();
        var slot = await host.CreateAsync();

        using var response = await host.Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), slot.Url.TrimStart('/')), Ct);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("OPTIONS, POST", response.Content.Headers.Allow.Count > 0 ? string.Join(", ", response.Content.Headers.Allow) : response.Headers.GetValues("Allow").Single());
    }

    [Fact]
    public async Task Get_OutsideNamespace_PassesThrough()
    {
        await using var host = await UploadTestHost.StartAsync();

        var home = await host.Client.GetStringAsync(string.Empty, Ct);

        Assert.Equal("home", home);
    }

    [Fact]
    public async Task Post_PlainClientWithoutCookiesOrAntiforgery_Succeeds()
    {
        await using var host = await UploadTestHost.StartAsync();
        var slot = await host.CreateAsync();
        using var client = new HttpClient(new SocketsHttpHandler { UseCookies = false });

        using var response = await client.PostAsync(new Uri(host.BaseAddress, slot.Url), UploadTestHost.Multipart(("x.txt", [7])), Ct);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task Options_PreflightFromConfiguredOrigin_IsAnswered()
    {
        await using var host = await UploadTestHost.StartAsync(o => o.Uploads.CorsOrigins = ["https://app.example.com"]);
        var slot = await host.CreateAsync();

        using var allowed = await PreflightAsync(host, slot.Url, "https://app.example.com");
        using var other = await PreflightAsync(host, slot.Url, "https://evil.example.com");
        using var post = new HttpRequestMessage(HttpMethod.Post, slot.Url.TrimStart('/')) { Content = UploadTestHost.Multipart(("a.txt", [1])) };
        post.Headers.Add("Origin", "https://app.example.com");
        using var postResponse = await host.Client.SendAsync(post, Ct);

        Assert.Equal(HttpStatusCode.NoContent, allowed.StatusCode);
        Assert.Equal("https://app.example.com", allowed.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Equal("POST", allowed.Headers.GetValues("Access-Control-Allow-Methods").Single());
        Assert.Equal("Content-Type, X-File-Name", allowed.Headers.GetValues("Access-Control-Allow-Headers").Single());
        Assert.Equal("600", allowed.Headers.GetValues("Access-Control-Max-Age").Single());
        Assert.DoesNotContain(other.Headers, h => h.Key.StartsWith("Access-Control-", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(HttpStatusCode.Created, postResponse.StatusCode);
        Assert.Equal("https://app.example.com", postResponse.Headers.GetValues("Access-Control-Allow-Origin").Single());
    }

    private static async Task<HttpResponseMessage> PreflightAsync(UploadTestHost host, string url, string origin)
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, url.TrimStart('/'));
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "content-type");
        return await host.Client.SendAsync(request, Ct);
    }

    [Fact]
    public async Task Post_SaveToFolder_StoresFileWithoutOverwriting()
    {
        await using var host = await UploadTestHost.StartAsync();
        var first = TestData.Bytes(300, 1);
        var second = TestData.Bytes(300, 2);
        var slotA = await host.Slots.CreateAsync(UploadTestHost.SaveHandler, SaveToFolderUploadSlotHandler.CreateArguments("uploads/2026"), null, Ct);
        var slotB = await host.Slots.CreateAsync(UploadTestHost.SaveHandler, SaveToFolderUploadSlotHandler.CreateArguments("uploads/2026"), null, Ct);

        using var a = await host.PostFileAsync(slotA.Url, first, "C:\\Users\\me\\report.pdf");
        using var b = await host.PostFileAsync(slotB.Url, second, "report.pdf");

        Assert.Equal(HttpStatusCode.Created, a.StatusCode);
        Assert.Equal("""{"path":"uploads/2026/report.pdf","length":300}""", await a.Content.ReadAsStringAsync(Ct));
        Assert.Equal("""{"path":"uploads/2026/report-1.pdf","length":300}""", await b.Content.ReadAsStringAsync(Ct));
        Assert.Equal(first, await File.ReadAllBytesAsync(Path.Combine(host.SinkRoot, "uploads", "2026", "report.pdf"), Ct));
        Assert.Equal(second, await File.ReadAllBytesAsync(Path.Combine(host.SinkRoot, "uploads", "2026", "report-1.pdf"), Ct));
        Assert.Empty(Directory.GetFiles(Path.Combine(host.SinkRoot, PhysicalUploadFileSink.StagingFolderName)));
        Assert.Empty(host.TempFiles());
    }

    [Fact]
    public async Task Logs_OfSuccessAndRefusals_NeverContainTokenOrSlotId()
    {
        await using var host = await UploadTestHost.StartAsync();
        var slot = await host.CreateAsync();

        using var ok = await host.PostFileAsync(slot.Url, [1]);
        using var again = await host.PostFileAsync(slot.Url, [1]);
        using var bad = await host.PostFileAsync(slot.Url + "x", [1]);

        var parts = slot.Url.Split('/');
        // Only our own messages: ASP.NET Core's request logging prints URLs, keep it off in production or redact it.
        var records = host.Logs.GetSnapshot().Where(r => r.Category?.StartsWith("TimeToken", StringComparison.Ordinal) == true).ToList();
        Assert.NotEmpty(records);
        Assert.All(records, r =>
        {
            Assert.DoesNotContain(parts[^1], r.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(parts[^2], r.Message, StringComparison.Ordinal);
            Assert.True(r.Level < LogLevel.Warning, r.Message);
        });
        // One Debug entry per refusal: the used slot (1200) and the bad token (1211).
        Assert.Equal((1, 1), (records.Count(r => r.Id.Id == 1200), records.Count(r => r.Id.Id == 1211)));
    }

    [Fact]
    public async Task Post_UnderPathBase_MatchesNamespaceBelowIt()
    {
        await using var host = await UploadTestHost.StartAsync(o => o.UploadNamespace = "files/in", pathBase: "/tenant1");
        var slot = await host.CreateAsync();

        using var underBase = await host.PostFileAsync("/tenant1" + slot.Url, [5]);
        using var withoutBase = await host.PostFileAsync(slot.Url, [5]);

        Assert.StartsWith("/files/in/", slot.Url, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, underBase.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, withoutBase.StatusCode);
    }

    [Fact]
    public async Task Post_SaveToFolderWithSeveralFiles_ReturnsEveryPath()
    {
        await using var host = await UploadTestHost.StartAsync(o => o.Uploads.MaxFiles = 3);
        var slot = await host.Slots.CreateAsync(UploadTestHost.SaveHandler, SaveToFolderUploadSlotHandler.CreateArguments("/in/"), new UploadSlotOptions { MaxFiles = 3 }, Ct);

        using var response = await host.Client.PostAsync(slot.Url.TrimStart('/'), UploadTestHost.Multipart(("a.txt", [1]), ("a.txt", [2, 2])), Ct);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("""{"files":[{"path":"in/a.txt","length":1},{"path":"in/a-1.txt","length":2}]}""", await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task Start_StaleTempFilesFromACrash_AreDeleted()
    {
        var work = Directory.CreateTempSubdirectory("tt-uploads-").FullName;
        var tmp = OperatingSystem.IsWindows()
            ? Directory.CreateDirectory(Path.Combine(work, "tmp")).FullName
            : Directory.CreateDirectory(Path.Combine(work, "tmp"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute).FullName;
        var stale = Path.Combine(tmp, "old.upload");
        var orphan = Path.Combine(tmp, "orphan.upload");
        var held = Path.Combine(tmp, "held.upload");
        await File.WriteAllBytesAsync(stale, [1], Ct);
        await File.WriteAllBytesAsync(orphan, [1], Ct);
        File.SetLastWriteTimeUtc(stale, DateTime.UtcNow.AddDays(-1));
        File.SetLastWriteTimeUtc(orphan, DateTime.UtcNow.AddSeconds(-2));

        // An upload in progress (of this or another process) holds its file open with FileShare.None, as the
        // receiver does; one made two seconds ago by a process that died holds nothing.
        await using var inProgress = new FileStream(held, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None);
        await inProgress.WriteAsync(new byte[] { 1 }, Ct);
        await inProgress.FlushAsync(Ct);
        File.SetLastWriteTimeUtc(held, DateTime.UtcNow.AddMinutes(-10));

        // The clean-up runs once in the background after start-up (a hosted service), with no request at all.
        await using var host = await UploadTestHost.StartAsync(workDirectory: work);
        await UploadTestHost.EventuallyAsync(() => Task.FromResult(!File.Exists(stale) && !File.Exists(orphan)));

        Assert.True(File.Exists(held));
    }
}
