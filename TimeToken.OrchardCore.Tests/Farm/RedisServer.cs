using System.Diagnostics;

namespace TimeToken.Tests.Farm;

/// <summary>A private <c>redis-server</c> on a free loopback port, without persistence, that a test may stop and start again.</summary>
internal sealed class RedisServer : IAsyncDisposable
{
    private Process? _process;

    private RedisServer(int port) => Port = port;

    /// <summary>The loopback port; the same after a restart.</summary>
    public int Port { get; }

    /// <summary>The StackExchange.Redis connection string.</summary>
    public string Configuration => $"127.0.0.1:{Port}";

    /// <summary>Starts a server.</summary>
    public static async Task<RedisServer> StartAsync()
    {
        var server = new RedisServer(FarmProcess.FreePort());
        await server.StartAgainAsync();
        return server;
    }

    /// <summary>Starts the server again on the same port, with no data.</summary>
    public async Task StartAgainAsync()
    {
        var start = new ProcessStartInfo("redis-server") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", string.Empty, "--appendonly", "no" })
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var process = _process;
        await FarmProcess.WaitForPortAsync(Port, TimeSpan.FromSeconds(20), () => process.HasExited);
    }

    /// <summary>Kills the server, as a crash would.</summary>
    public async Task StopAsync()
    {
        if (_process is { } process)
        {
            await FarmProcess.KillAsync(process);
            process.Dispose();
            _process = null;
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await StopAsync();
}
