using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace TimeToken.Tests.Core.Uploads;

/// <summary>A private redis-server on a free port, in its own folder, that a test may stop and start again.</summary>
internal sealed class RedisServerProcess : IAsyncDisposable
{
    private readonly string _directory;
    private Process? _process;

    private RedisServerProcess(string directory, int port)
    {
        _directory = directory;
        Port = port;
    }

    public int Port { get; }

    public string ConnectionString => $"127.0.0.1:{Port}";

    public static string? FindBinary() =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, "redis-server"))
            .FirstOrDefault(File.Exists);

    public static async Task<RedisServerProcess> StartAsync()
    {
        Assert.SkipWhen(FindBinary() is null, "REDIS RESTART TEST SKIPPED: no redis-server on PATH (apt-get install -y redis-server).");
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var server = new RedisServerProcess(Directory.CreateTempSubdirectory("tt-redis-").FullName, port);
        await server.StartAgainAsync();
        return server;
    }

    public async Task StartAgainAsync()
    {
        var info = new ProcessStartInfo(FindBinary()!)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", string.Empty, "--appendonly", "no", "--dir", _directory, "--dbfilename", "dump.rdb", "--daemonize", "no" })
        {
            info.ArgumentList.Add(argument);
        }

        _process = Process.Start(info)!;
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        var deadline = Environment.TickCount64 + 10_000;
        while (await CommandAsync("PING") != "+PONG")
        {
            Assert.True(Environment.TickCount64 < deadline, "redis-server did not start.");
            await Task.Delay(50);
        }
    }

    /// <summary>Stops the server after writing its data to disk, so a restart finds every slot in its last state.</summary>
    public async Task ShutdownSaveAsync()
    {
        await CommandAsync("SHUTDOWN SAVE");
        await _process!.WaitForExitAsync(TestContext.Current.CancellationToken);
        _process.Dispose();
        _process = null;
    }

    private async Task<string?> CommandAsync(string command)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, Port);
            var stream = client.GetStream();
            await stream.WriteAsync(Encoding.ASCII.GetBytes(command + "\r\n"));
            var buffer = new byte[256];
            var read = await stream.ReadAsync(buffer);
            return Encoding.ASCII.GetString(buffer, 0, read).TrimEnd();
        }
        catch (SocketException)
        {
            return null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            await _process.WaitForExitAsync(CancellationToken.None);
        }

        _process?.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }
}
