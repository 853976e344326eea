using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using TimeToken.Core;
using TimeToken.Core.Signing;
using TimeToken.Core.Uploads;

namespace TimeToken.Tests.Core.Uploads;

/// <summary>A real Kestrel application on 127.0.0.1 with the upload endpoint, real temp folders and test handlers.</summary>
internal sealed class UploadTestHost : IAsyncDisposable
{
    public const string RecordHandler = "record";
    public const string SaveHandler = "save";

    private readonly WebApplication _app;

    private UploadTestHost(WebApplication app, string workDirectory, HttpClient client)
    {
        _app = app;
        WorkDirectory = workDirectory;
        Client = client;
    }

    public string WorkDirectory { get; }

    public string TempDirectory => Path.Combine(WorkDirectory, "tmp");

    public string SinkRoot => Path.Combine(WorkDirectory, "media");

    public HttpClient Client { get; }

    public Uri BaseAddress => Client.BaseAddress!;

    public IServiceProvider Services => _app.Services;

    public IUploadSlotService Slots => Services.GetRequiredService<IUploadSlotService>();

    public HandlerLog Calls => Services.GetRequiredService<HandlerLog>();

    public FakeLogCollector Logs => Services.GetFakeLogCollector();

    public KeyRing KeyRing => Services.GetRequiredService<IKeyRingProvider>().GetKeyRing();

    public static async Task<UploadTestHost> StartAsync(
        Action<TimeTokenOptions>? configure = null,
        TimeProvider? timeProvider = null,
        KeyRing? keyRing = null,
        string? workDirectory = null,
        string? redisKeyPrefix = null,
        string? pathBase = null,
        Action<IServiceCollection>? services = null)
    {
        workDirectory ??= Directory.CreateTempSubdirectory("tt-uploads-").FullName;
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = workDirectory });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Debug);
        builder.Logging.AddFakeLogging();

        if (timeProvider is not null)
        {
            builder.Services.AddSingleton(timeProvider);
        }

        if (keyRing is not null)
        {
            builder.Services.AddSingleton<IKeyRingProvider>(new StaticKeyRingProvider(keyRing));
        }

        builder.Services.Configure<TimeTokenOptions>(o =>
        {
            o.Uploads.MaxBytes = 1000;
            configure?.Invoke(o);
        });
        builder.Services.AddSingleton<HandlerLog>();
        builder.Services.AddSingleton<IUploadFileSink>(new PhysicalUploadFileSink(Path.Combine(workDirectory, "media")));
        builder.Services.AddTimeTokenUploadSlots(o =>
        {
            o.TempDirectory = Path.Combine(workDirectory, "tmp");
            o.RedisKeyPrefix = redisKeyPrefix ?? $"tt-test:{Guid.NewGuid():N}:";
        });
        builder.Services.AddUploadSlotHandler<RecordingHandler>(RecordHandler);
        builder.Services.AddUploadSlotHandler<SaveToFolderUploadSlotHandler>(SaveHandler);
        services?.Invoke(builder.Services);

        var app = builder.Build();
        if (pathBase is not null)
        {
            app.UsePathBase(pathBase);
        }

        app.UseTimeTokenUploadSlots();
        app.MapGet("/", () => "home");
        await app.StartAsync(TestContext.Current.CancellationToken);

        var address = new Uri(app.Urls.Single());
        var client = new HttpClient(new SocketsHttpHandler { UseCookies = false }) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
        return new UploadTestHost(app, workDirectory, client);
    }

    public async Task<UploadSlot> CreateAsync(object? arguments = null, UploadSlotOptions? options = null, string handler = RecordHandler) =>
        await Slots.CreateAsync(handler, arguments is null ? null : JsonSerializer.SerializeToElement(arguments), options, TestContext.Current.CancellationToken);

    public Task<HttpResponseMessage> PostFileAsync(string url, byte[] content, string fileName = "a.txt") =>
        Client.PostAsync(url.TrimStart('/'), Multipart((fileName, content)), TestContext.Current.CancellationToken);

    public static MultipartFormDataContent Multipart(params (string Name, byte[] Content)[] files)
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, content) in files)
        {
            var part = new ByteArrayContent(content);
            part.Headers.ContentType = new("application/octet-stream");
            form.Add(part, "file", name);
        }

        return form;
    }

    public string[] TempFiles() => Directory.Exists(TempDirectory) ? Directory.GetFiles(TempDirectory, "*", SearchOption.AllDirectories) : [];

    public string[] SinkFiles() => Directory.Exists(SinkRoot) ? Directory.GetFiles(SinkRoot, "*", SearchOption.AllDirectories) : [];

    /// <summary>Waits a little for work that ends after the response (an aborted request).</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> condition, int timeoutMs = 5000)
    {
        var deadline = Environment.TickCount64 + timeoutMs;
        while (!await condition())
        {
            if (Environment.TickCount64 > deadline)
            {
                Assert.Fail("The condition did not become true in time.");
            }

            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>Sends a hand-written request over a raw socket and returns the status code of the first response.</summary>
    public async Task<int> SendRawAsync(string url, string extraHeaders, byte[] body, bool closeEarly = false)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(BaseAddress.Host, BaseAddress.Port, TestContext.Current.CancellationToken);
        using var stream = new NetworkStream(socket, ownsSocket: false);
        var head = $"POST {url} HTTP/1.1\r\nHost: {BaseAddress.Authority}\r\n{extraHeaders}\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head), TestContext.Current.CancellationToken);
        await stream.WriteAsync(body, TestContext.Current.CancellationToken);
        await stream.FlushAsync(TestContext.Current.CancellationToken);
        if (closeEarly)
        {
            socket.Close(0);
            return 0;
        }

        var buffer = new byte[4096];
        var received = new StringBuilder();
        while (!received.ToString().Contains("\r\n", StringComparison.Ordinal))
        {
            var read = await stream.ReadAsync(buffer, TestContext.Current.CancellationToken);
            if (read == 0)
            {
                break;
            }

            received.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }

        var statusLine = received.ToString().Split("\r\n")[0];
        return int.Parse(statusLine.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
        try
        {
            Directory.Delete(WorkDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }
}

/// <summary>What the recording handler saw; one instance per host.</summary>
internal sealed class HandlerLog
{
    private int _failuresLeft;

    public ConcurrentQueue<HandlerCall> Calls { get; } = new();

    public int DelayMs { get; set; }

    public void FailNext(int count) => Volatile.Write(ref _failuresLeft, count);

    public bool ShouldFail() => Interlocked.Decrement(ref _failuresLeft) >= 0;
}

internal sealed record HandlerCall(string Arguments, IReadOnlyList<(string Name, string ContentType, string? Field, byte[] Content)> Files);

/// <summary>Copies every file into memory and records it; can be told to fail.</summary>
internal sealed class RecordingHandler : IUploadSlotHandler
{
    private readonly HandlerLog _log;

    public RecordingHandler(HandlerLog log)
    {
        _log = log;
    }

    public async ValueTask<object?> HandleAsync(UploadSlotContext context, CancellationToken cancellationToken)
    {
        if (_log.DelayMs > 0)
        {
            await Task.Delay(_log.DelayMs, cancellationToken);
        }

        if (_log.ShouldFail())
        {
            throw new InvalidOperationException("SECRET-HANDLER-DETAIL at /srv/internal/path");
        }

        var files = new List<(string, string, string?, byte[])>();
        foreach (var file in context.Files)
        {
            await using var stream = file.OpenReadStream();
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy, cancellationToken);
            Assert.Equal(file.Length, copy.Length);
            files.Add((file.FileName, file.ContentType, file.FieldName, copy.ToArray()));
        }

        _log.Calls.Enqueue(new HandlerCall(context.Arguments.GetRawText(), files));
        return new { files = files.Count, bytes = files.Sum(f => f.Item4.Length) };
    }
}

/// <summary>Content without a known length, so HttpClient sends it chunked.</summary>
internal sealed class ChunkedContent : HttpContent
{
    private readonly byte[] _content;

    public ChunkedContent(byte[] content)
    {
        _content = content;
        Headers.ContentType = new("application/octet-stream");
    }

    protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
    {
        for (var offset = 0; offset < _content.Length; offset += 100)
        {
            await stream.WriteAsync(_content.AsMemory(offset, Math.Min(100, _content.Length - offset)));
            await stream.FlushAsync();
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}

internal static class TestData
{
    public static byte[] Bytes(int count, int seed = 1)
    {
        var bytes = new byte[count];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    public static string? Redis => Environment.GetEnvironmentVariable("TIMETOKEN_TEST_REDIS") is { Length: > 0 } value ? value : null;

    public static string RequireRedis()
    {
        Assert.SkipWhen(
            Redis is null,
            "REDIS TESTS SKIPPED: set TIMETOKEN_TEST_REDIS=host:port (for example 127.0.0.1:6390) to run them against a real Redis.");
        return Redis!;
    }
}
