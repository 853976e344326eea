using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Logging;
using TimeToken.Core.Uploads;
using TimeToken.Tests.TestSupport;

namespace TimeToken.Tests.Core.Uploads;

/// <summary>
/// Client-chosen file names over a real Kestrel socket. Regression: a <c>:</c>, a name over 255 UTF-8 bytes but not
/// 255 characters, and a name that only overflowed with the collision suffix <c>-1</c> reached the handler and
/// answered 500 with an Error log, and the slot was released for endless retries; a name starting with a dot
/// (<c>.report.pdf</c>, <c> .pdf</c> once trimmed) was stored where the media file provider never serves it. Each is
/// now refused with 400 before any byte is written, and the slot stays usable.
/// </summary>
public sealed class UploadFileNameEndpointTests
{
    private const string Boundary = "tt-boundary-7f3a";
    private const string MalformedBody = "The upload is malformed.";

    public enum Carrier
    {
        MultipartFileName,
        MultipartFileNameStar,
        XFileNameHeader,
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // 130 × "é" (2 bytes each) + ".txt": 134 characters, 264 UTF-8 bytes.
    private static string Accents => string.Concat(Enumerable.Repeat("\u00e9", 130)) + ".txt";

    // 63 × U+1F600 (4 bytes, 2 UTF-16 units each) + ".txt": 130 characters, 256 UTF-8 bytes.
    private static string Emoji => string.Concat(Enumerable.Repeat("\U0001F600", 63)) + ".txt";

    // 250 × "a" + ".txt": 254 bytes, stored once before, but "-1" made it 256 bytes on the next collision.
    private static string TooLongForSuffix => new string('a', 250) + ".txt";

    public static TheoryData<string, Carrier, string> UnstorableNames => new()
    {
        { "colon", Carrier.MultipartFileName, "a:b.txt" },
        { "colon", Carrier.MultipartFileNameStar, "a:b.txt" },
        { "colon", Carrier.XFileNameHeader, "a:b.txt" },
        { "accents over 255 bytes", Carrier.MultipartFileNameStar, Accents },
        { "accents over 255 bytes", Carrier.XFileNameHeader, Accents },
        { "emoji over 255 bytes", Carrier.MultipartFileNameStar, Emoji },
        { "emoji over 255 bytes", Carrier.XFileNameHeader, Emoji },
        { "no room for -1", Carrier.MultipartFileName, TooLongForSuffix },
        { "no room for -1", Carrier.MultipartFileNameStar, TooLongForSuffix },
        { "no room for -1", Carrier.XFileNameHeader, TooLongForSuffix },
        { "encoded slash the gate refuses", Carrier.MultipartFileName, "a%2Fb.txt" },
        { "encoded slash the gate refuses", Carrier.XFileNameHeader, "a%2Fb.txt" },
        { "fullwidth dot segment the gate refuses", Carrier.MultipartFileNameStar, "\uFF0E\uFF0E" },
        { "leading dot the file provider hides", Carrier.MultipartFileName, ".report.pdf" },
        { "leading dot the file provider hides", Carrier.MultipartFileNameStar, ".report.pdf" },
        { "leading dot the file provider hides", Carrier.XFileNameHeader, ".report.pdf" },
        { "leading dot after the path is cut", Carrier.XFileNameHeader, "docs/.hidden.pdf" },
        { "leading dot after trimming", Carrier.MultipartFileName, " .pdf" },
        { "leading dot after trimming", Carrier.XFileNameHeader, " .pdf" },
    };

    [Theory]
    [MemberData(nameof(UnstorableNames))]
    public async Task Post_UnstorableName_Returns400BeforeAnyByteAndSlotStaysUsable(string nameClass, Carrier carrier, string name)
    {
        await using var host = await UploadTestHost.StartAsync();
        var slot = await host.CreateAsync(SaveToFolderUploadSlotHandler.CreateArguments("in"), handler: UploadTestHost.SaveHandler);

        using var refused = await host.Client.PostAsync(slot.Url.TrimStart('/'), Content(carrier, name, [1, 2, 3]), Ct);
        var body = await refused.Content.ReadAsStringAsync(Ct);
        var filesAfterRefusal = host.SinkFiles();
        var tempAfterRefusal = host.TempFiles();
        using var retry = await host.PostFileAsync(slot.Url, [4, 5], "ok.txt");

        Assert.True(HttpStatusCode.BadRequest == refused.StatusCode, nameClass);
        Assert.Equal(MalformedBody, body);
        Assert.Empty(filesAfterRefusal);
        Assert.Empty(tempAfterRefusal);
        Assert.DoesNotContain(host.Logs.GetSnapshot(), r => r.Level >= LogLevel.Warning);
        var refusal = Assert.Single(host.Logs.GetSnapshot(), r => r.Id.Id == 1200);
        Assert.Contains("BadFileName", refusal.Message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal([4, 5], await File.ReadAllBytesAsync(Path.Combine(host.SinkRoot, "in", "ok.txt"), Ct));
    }

    [Theory]
    [InlineData(Carrier.MultipartFileName)]
    [InlineData(Carrier.MultipartFileNameStar)]
    [InlineData(Carrier.XFileNameHeader)]
    public async Task Post_LongestNameTwice_SecondStoredWithSuffix(Carrier carrier)
    {
        // 247 × "a" + ".txt" = 251 bytes, the longest accepted: "-1" still fits in 255.
        var name = new string('a', 247) + ".txt";
        await using var host = await UploadTestHost.StartAsync();
        var first = await host.CreateAsync(SaveToFolderUploadSlotHandler.CreateArguments("in"), handler: UploadTestHost.SaveHandler);
        var second = await host.CreateAsync(SaveToFolderUploadSlotHandler.CreateArguments("in"), handler: UploadTestHost.SaveHandler);

        using var one = await host.Client.PostAsync(first.Url.TrimStart('/'), Content(carrier, name, [1]), Ct);
        using var two = await host.Client.PostAsync(second.Url.TrimStart('/'), Content(carrier, name, [2]), Ct);

        Assert.Equal(HttpStatusCode.Created, one.StatusCode);
        Assert.Equal(HttpStatusCode.Created, two.StatusCode);
        Assert.Equal([1], await File.ReadAllBytesAsync(Path.Combine(host.SinkRoot, "in", name), Ct));
        Assert.Equal([2], await File.ReadAllBytesAsync(Path.Combine(host.SinkRoot, "in", new string('a', 247) + "-1.txt"), Ct));
        Assert.DoesNotContain(host.Logs.GetSnapshot(), r => r.Level >= LogLevel.Warning);
    }

    [Fact]
    public async Task Post_AccentedNameOf251Bytes_Stored()
    {
        // 123 × "é" + "a.txt" = 246 + 5 = 251 bytes.
        var name = string.Concat(Enumerable.Repeat("\u00e9", 123)) + "a.txt";
        await using var host = await UploadTestHost.StartAsync();
        var slot = await host.CreateAsync(SaveToFolderUploadSlotHandler.CreateArguments("in"), handler: UploadTestHost.SaveHandler);

        using var response = await host.Client.PostAsync(slot.Url.TrimStart('/'), Content(Carrier.XFileNameHeader, name, [7]), Ct);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal([7], await File.ReadAllBytesAsync(Path.Combine(host.SinkRoot, "in", name), Ct));
    }

    [Fact]
    public async Task Post_FiveRefusedNames_DoNotSpendTheSlot()
    {
        await using var host = await UploadTestHost.StartAsync(o => o.Uploads.MaxFailedAttempts = 1);
        var slot = await host.CreateAsync(SaveToFolderUploadSlotHandler.CreateArguments("in"), handler: UploadTestHost.SaveHandler);

        for (var i = 0; i < 5; i++)
        {
            using var refused = await host.Client.PostAsync(slot.Url.TrimStart('/'), Content(Carrier.XFileNameHeader, "a:b.txt", [1]), Ct);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        }

        using var accepted = await host.PostFileAsync(slot.Url, [1], "ok.txt");

        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
    }

    [Fact]
    public async Task Post_UploadNameSuite_RefusedWith400OrStoredUnderTheExpectedName()
    {
        await using var host = await UploadTestHost.StartAsync();

        foreach (var (nameClass, name) in UploadNames.Refused)
        {
            var slot = await host.CreateAsync(SaveToFolderUploadSlotHandler.CreateArguments("suite"), handler: UploadTestHost.SaveHandler);
            using var refused = await host.Client.PostAsync(slot.Url.TrimStart('/'), Content(Carrier.XFileNameHeader, name, [1]), Ct);
            Assert.True(HttpStatusCode.BadRequest == refused.StatusCode, nameClass);
        }

        foreach (var (nameClass, name, stored) in UploadNames.Accepted)
        {
            var slot = await host.CreateAsync(SaveToFolderUploadSlotHandler.CreateArguments("suite"), handler: UploadTestHost.SaveHandler);
            using var accepted = await host.Client.PostAsync(slot.Url.TrimStart('/'), Content(Carrier.XFileNameHeader, name, [2]), Ct);
            Assert.True(HttpStatusCode.Created == accepted.StatusCode, nameClass);
            Assert.Equal([2], await File.ReadAllBytesAsync(Path.Combine(host.SinkRoot, "suite", stored), Ct));
        }

        Assert.Equal(UploadNames.Accepted.Count, host.SinkFiles().Length);
    }

    internal static HttpContent Content(Carrier carrier, string name, byte[] bytes)
    {
        if (carrier == Carrier.XFileNameHeader)
        {
            var raw = new ByteArrayContent(bytes);
            raw.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            raw.Headers.Add("X-File-Name", Uri.EscapeDataString(name));
            return raw;
        }

        var disposition = carrier == Carrier.MultipartFileName
            ? $"form-data; name=\"file\"; filename=\"{name}\""
            : $"form-data; name=\"file\"; filename*=UTF-8''{Uri.EscapeDataString(name)}";
        var head = Encoding.UTF8.GetBytes($"--{Boundary}\r\nContent-Disposition: {disposition}\r\nContent-Type: application/octet-stream\r\n\r\n");
        var tail = Encoding.UTF8.GetBytes($"\r\n--{Boundary}--\r\n");
        var content = new ByteArrayContent([.. head, .. bytes, .. tail]);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse($"multipart/form-data; boundary={Boundary}");
        return content;
    }
}
