using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using TimeToken.Core.Media;
using TimeToken.Core.Uploads;
using TimeToken.Tests.Core.Uploads;
using TimeToken.Tests.TestSupport;

namespace TimeToken.Tests.Core.Hostile;

/// <summary>
/// Faults under real servers: files changing under a download, a media store that throws or hangs, Redis dying
/// mid-upload, clients going away mid-body, and a full disk behind the upload sink.
/// </summary>
public sealed class FaultTests
{
    private const string Large = "vault/large.bin";
    private const int LargeLength = 8 * 1024 * 1024;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public enum FileChange
    {
        Deleted,
        ReplacedByRename,
        TruncatedAndRewrittenShorter,
    }

    [Theory]
    [InlineData(FileChange.Deleted)]
    [InlineData(FileChange.ReplacedByRename)]
    [InlineData(FileChange.TruncatedAndRewrittenShorter)]
    public async Task Download_FileChangedMidStream_CompleteOldOrNewContentOrCleanAbort(FileChange change)
    {
        await using var site = await HostileMediaSite.StartAsync();
        var full = Path.Combine(site.Site.Root, Large);
        var old = Pattern(LargeLength, 7);
        var replacement = Pattern(LargeLength / 4, 11);
        await File.WriteAllBytesAsync(full, old, Ct);
        var url = site.Site.Url(Large);

        using var response = await site.Site.Client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(LargeLength, response.Content.Headers.ContentLength);
        await using var body = await response.Content.ReadAsStreamAsync(Ct);
        using var received = new MemoryStream();
        var buffer = new byte[64 * 1024];
        received.Write(buffer, 0, await body.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, Ct));

        switch (change)
        {
            case FileChange.Deleted:
                File.Delete(full);
                break;
            case FileChange.ReplacedByRename:
                await File.WriteAllBytesAsync(full + ".new", replacement, Ct);
                File.Move(full + ".new", full, overwrite: true);
                break;
            case FileChange.TruncatedAndRewrittenShorter:
                await File.WriteAllBytesAsync(full, replacement, Ct);
                break;
        }

        var aborted = false;
        try
        {
            await body.CopyToAsync(received, Ct);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            aborted = true;
        }

        var bytes = received.ToArray();
        if (!aborted)
        {
            // A complete body is one version of the file, whole: never a mix.
            Assert.True(bytes.AsSpan().SequenceEqual(old) || bytes.AsSpan().SequenceEqual(replacement), $"{change}: a complete body of {bytes.Length} bytes that is neither version.");
        }
        else
        {
            // Cut short of its Content-Length, so no client takes it for the file. The file is read in order, so the
            // bytes are the old file's, then, from where the rewrite overtook the reader, the new file's at the same
            // offsets.
            Assert.True(bytes.Length < LargeLength, $"{change}: an abort after the whole body.");
            var switchAt = bytes.AsSpan().CommonPrefixLength(old);
            Assert.True(
                switchAt == bytes.Length || (bytes.Length <= replacement.Length && bytes.AsSpan(switchAt).SequenceEqual(replacement.AsSpan(switchAt, bytes.Length - switchAt))),
                $"{change}: aborted after {bytes.Length} bytes that are neither the old file's nor the old then the new file's from byte {switchAt}.");
        }

        // The site keeps serving: the old link is refused or serves the current file, never a 500.
        using var after = await site.Site.Client.GetAsync(url, Ct);
        Assert.True((int)after.StatusCode < 500);
    }

    [Fact]
    public async Task Download_FileDeletedAfterGateCheck_NoBytesAndNo500()
    {
        await using var site = await HostileMediaSite.StartAsync();
        var url = site.Site.Url(HostileCorpus.Alpha);
        using (var first = await site.Site.Client.GetAsync(url, Ct))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        // The version is cached, so the gate passes; the file is gone by the time StaticFiles looks.
        File.Delete(Path.Combine(site.Site.Root, HostileCorpus.Alpha));
        var response = await RawHttp.SendAsync(site.Address, "GET", url, cancellationToken: Ct);

        Assert.InRange(response.Status, 200, 499);
        Assert.Empty(HostileMediaSite.LeakedFiles(response.Raw));
    }

    public static TheoryData<string> StoreFailures => ["io", "unauthorized", "timeout-exception", "canceled", "invalid", "synchronous", "corrupt"];

    [Theory]
    [MemberData(nameof(StoreFailures))]
    public async Task Gate_MediaStoreThrows_RefusedLikeEveryFailure(string failure)
    {
        var source = new FaultyMediaFileInfoSource();
        await using var site = await HostileMediaSite.StartAsync(source: source);
        source.Inner = new PhysicalMediaFileInfoSource(site.Site.Root);
        var url = site.Site.Url(HostileCorpus.Alpha);
        site.Site.Versions.InvalidatePrefix(string.Empty);
        source.Failure = failure;

        var response = await RawHttp.SendAsync(site.Address, "GET", url, cancellationToken: Ct);

        site.AssertInvariants(new HostileCase("store", "GET", url, Expect.Refused), response);
        Assert.Empty(HostileMediaSite.LeakedFiles(response.Raw));
    }

    [Fact]
    public async Task Gate_MediaStoreHangs_RefusedAfterTheStoreTimeout()
    {
        var source = new FaultyMediaFileInfoSource();
        await using var site = await HostileMediaSite.StartAsync(source: source);
        source.Inner = new PhysicalMediaFileInfoSource(site.Site.Root);
        var url = site.Site.Url(HostileCorpus.Alpha);
        site.Site.Versions.InvalidatePrefix(string.Empty);
        source.Failure = "hang";

        var pending = RawHttp.SendAsync(site.Address, "GET", url, cancellationToken: Ct);
        await source.Called.Task.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        Assert.False(pending.IsCompleted);

        // The store timeout (5 s) runs on the site's fake clock; the gate may arm it just after the store was called.
        for (var step = 0; step < 100 && !pending.IsCompleted; step++)
        {
            site.Site.Time.Advance(TimeSpan.FromSeconds(1));
            await Task.WhenAny(pending, Task.Delay(50, Ct));
        }

        source.Release();
        var response = await pending.WaitAsync(TimeSpan.FromSeconds(10), Ct);

        site.AssertInvariants(new HostileCase("store", "GET", url, Expect.Refused), response);
    }

    [Fact]
    public async Task Upload_RedisKilledMidUploadAndRestarted_503WhileDownAndEachSlotUsedOnceAfter()
    {
        await using var server = await RedisServerProcess.StartAsync();
        await using var host = await UploadTestHost.StartAsync(o => o.Redis = server.ConnectionString);
        var inFlight = await host.CreateAsync();
        var waiting = await host.CreateAsync();
        var content = TestData.Bytes(900, 3);

        // Headers and a first part of the body: the slot is claimed, then Redis goes away.
        using var socket = await OpenUploadAsync(host, inFlight.Url, content.Length, content.AsMemory(0, 300));
        await UploadTestHost.EventuallyAsync(() => Task.FromResult(host.TempFiles().Length == 1));
        await server.ShutdownSaveAsync();
        await socket.SendAsync(content.AsMemory(300), Ct);
        var inFlightStatus = await ReadStatusAsync(socket);
        using var whileDown = await host.PostFileAsync(waiting.Url, [1, 2, 3]);

        Assert.Contains(inFlightStatus, (int[])[201, 503]);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, whileDown.StatusCode);
        var handledWhileDown = host.Calls.Calls.Count;
        Assert.Equal(inFlightStatus == 201 ? 1 : 0, handledWhileDown);

        await server.StartAgainAsync();
        await UploadTestHost.EventuallyAsync(
            async () =>
            {
                using var probe = await host.PostFileAsync(inFlight.Url, content);
                Assert.True(inFlightStatus != 201 || probe.StatusCode != HttpStatusCode.Created, "A slot whose handler ran was used again.");
                return probe.StatusCode != HttpStatusCode.ServiceUnavailable;
            },
            timeoutMs: 20_000);
        using var waitingNow = await host.PostFileAsync(waiting.Url, [1, 2, 3]);
        using var waitingAgain = await host.PostFileAsync(waiting.Url, [1, 2, 3]);

        Assert.Equal(HttpStatusCode.Created, waitingNow.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, waitingAgain.StatusCode);
        Assert.Equal([1, 2, 3], host.Calls.Calls.Last().Files.Single().Content);
        Assert.Empty(host.TempFiles());
    }

    [Fact]
    public async Task Upload_ClientAbortsMidMultipartFile_TempFileDeletedAndSlotRetryable()
    {
        await using var host = await UploadTestHost.StartAsync(o => o.Uploads.MaxBytes = 4_000_000);
        var slot = await host.CreateAsync();
        var content = TestData.Bytes(3_000_000, 5);
        var form = await MultipartBytesAsync(content, "big.bin");

        using (var socket = await OpenUploadAsync(host, slot.Url, form.Body.Length, form.Body.AsMemory(0, 1_000_000), form.ContentType))
        {
            await UploadTestHost.EventuallyAsync(() => Task.FromResult(host.TempFiles().Length == 1 && new FileInfo(host.TempFiles()[0]).Length > 0));
            socket.Close(0);
        }

        await UploadTestHost.EventuallyAsync(() => Task.FromResult(host.TempFiles().Length == 0));
        Assert.Empty(host.Calls.Calls);
        using var retry = await host.PostFileAsync(slot.Url, content, "big.bin");

        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal(content, Assert.Single(host.Calls.Calls).Files.Single().Content);
        Assert.Empty(host.TempFiles());
    }

    [Fact]
    public async Task Upload_DiskFullWhileSinkWrites_GenericErrorNoPartialFileAndSlotRetryable()
    {
        var sink = new DiskFullFileSink();
        await using var host = await UploadTestHost.StartAsync(
            o => o.Uploads.MaxBytes = 1_000_000,
            services: s => s.AddSingleton<IUploadFileSink>(sink));
        sink.Inner = new PhysicalUploadFileSink(host.SinkRoot);
        var slot = await host.CreateAsync(SaveToFolderUploadSlotHandler.CreateArguments("inbox"), handler: UploadTestHost.SaveHandler);
        var content = TestData.Bytes(500_000, 9);

        sink.Full = true;
        using var full = await host.PostFileAsync(slot.Url, content, "report.bin");
        var fullBody = await full.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.InternalServerError, full.StatusCode);
        Assert.Equal("The upload could not be processed.", fullBody);
        Assert.DoesNotContain("space", fullBody, StringComparison.OrdinalIgnoreCase);
        Assert.True(sink.BytesWrittenBeforeFailure > 0);
        Assert.Empty(host.SinkFiles());
        Assert.Empty(host.TempFiles());

        sink.Full = false;
        using var retry = await host.PostFileAsync(slot.Url, content, "report.bin");

        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        var stored = Assert.Single(host.SinkFiles());
        Assert.Equal(content, await File.ReadAllBytesAsync(stored, Ct));
    }

    internal static byte[] Pattern(int length, int seed)
    {
        var bytes = new byte[length];
        for (var i = 0; i < length; i++)
        {
            bytes[i] = (byte)((i * seed) + (i >> 12));
        }

        return bytes;
    }

    private static async Task<(byte[] Body, string ContentType)> MultipartBytesAsync(byte[] content, string fileName)
    {
        using var form = UploadTestHost.Multipart((fileName, content));
        return (await form.ReadAsByteArrayAsync(Ct), form.Headers.ContentType!.ToString());
    }

    private static async Task<Socket> OpenUploadAsync(UploadTestHost host, string url, int length, ReadOnlyMemory<byte> firstPart, string contentType = "application/octet-stream")
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(host.BaseAddress.Host, host.BaseAddress.Port, Ct);
        var head = $"POST {url} HTTP/1.1\r\nHost: {host.BaseAddress.Authority}\r\nContent-Type: {contentType}\r\nX-File-Name: a.bin\r\nContent-Length: {length}\r\n\r\n";
        await socket.SendAsync(Encoding.ASCII.GetBytes(head), Ct);
        await socket.SendAsync(firstPart, Ct);
        return socket;
    }

    private static async Task<int> ReadStatusAsync(Socket socket)
    {
        var buffer = new byte[1024];
        var read = await socket.ReceiveAsync(buffer, Ct).AsTask().WaitAsync(TimeSpan.FromSeconds(20), Ct);
        var line = Encoding.ASCII.GetString(buffer, 0, read);
        return int.Parse(line.AsSpan(9, 3), provider: System.Globalization.CultureInfo.InvariantCulture);
    }
}

/// <summary>
/// Stands in for Orchard Core's media store (<c>IMediaFileStore.GetFileInfoAsync</c>) behind
/// <see cref="IMediaFileInfoSource"/>: a store that throws, hangs or answers nonsense.
/// </summary>
internal sealed class FaultyMediaFileInfoSource : IMediaFileInfoSource
{
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IMediaFileInfoSource? Inner { get; set; }

    public string? Failure { get; set; }

    public TaskCompletionSource Called { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Release() => _release.TrySetResult();

    public ValueTask<MediaFileInfo> GetFileInfoAsync(string normalizedPath, CancellationToken cancellationToken)
    {
        Called.TrySetResult();
        return Failure switch
        {
            null => Inner!.GetFileInfoAsync(normalizedPath, cancellationToken),
            "synchronous" => throw new InvalidOperationException("store exploded before returning a task"),
            "corrupt" => ValueTask.FromResult(new MediaFileInfo(true, DateTimeOffset.MinValue, -1)),
            "hang" => new ValueTask<MediaFileInfo>(HangAsync()),
            _ => new ValueTask<MediaFileInfo>(FailAsync(Failure)),
        };
    }

    private async Task<MediaFileInfo> HangAsync()
    {
        await _release.Task;
        return MediaFileInfo.NotFound;
    }

    private static async Task<MediaFileInfo> FailAsync(string failure)
    {
        await Task.Yield();
        throw failure switch
        {
            "io" => new IOException("blob storage unreachable"),
            "unauthorized" => new UnauthorizedAccessException("credentials expired"),
            "timeout-exception" => new TimeoutException("store timeout"),
            "canceled" => new OperationCanceledException("the store cancelled on its own"),
            _ => new InvalidOperationException("store bug"),
        };
    }
}

/// <summary>
/// Stands in for Orchard Core's media file store on a full disk: it hands the real <see cref="PhysicalUploadFileSink"/>
/// a stream that fails with "No space left on device" after some bytes were written, as a store's write would.
/// </summary>
internal sealed class DiskFullFileSink : IUploadFileSink
{
    public IUploadFileSink? Inner { get; set; }

    public bool Full { get; set; }

    public long BytesWrittenBeforeFailure { get; private set; }

    public Task<string?> TryCreateFileAsync(string path, Stream content, CancellationToken cancellationToken) =>
        Inner!.TryCreateFileAsync(path, Full ? new FailingStream(content, 64 * 1024, n => BytesWrittenBeforeFailure = n) : content, cancellationToken);

    private sealed class FailingStream : Stream
    {
        private readonly Stream _inner;
        private readonly long _failAfter;
        private readonly Action<long> _report;
        private long _position;

        public FailingStream(Stream inner, long failAfter, Action<long> report)
        {
            _inner = inner;
            _failAfter = failAfter;
            _report = report;
        }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => _inner.Length;

        public override long Position
        {
            get => _position;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_position >= _failAfter)
            {
                _report(_position);
                throw new IOException("No space left on device", 28);
            }

            var read = await _inner.ReadAsync(buffer[..(int)Math.Min(buffer.Length, _failAfter - _position)], cancellationToken);
            _position += read;
            return read;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
