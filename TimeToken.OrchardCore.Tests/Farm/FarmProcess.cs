using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace TimeToken.Tests.Farm;

/// <summary>Small helpers of the farm fixture: free loopback ports, tools run to completion, waiting for a port.</summary>
internal static class FarmProcess
{
    /// <summary>A loopback port free now (the OS picks it; it is released for the caller to bind).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Runs a tool to its end; throws with its output when it fails.</summary>
    /// <param name="runAsPostgres">Runs it as the <c>postgres</c> user (through <c>runuser</c>) when this process is root.</param>
    public static async Task<string> RunAsync(string fileName, IEnumerable<string> arguments, bool runAsPostgres = false)
    {
        var start = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        if (runAsPostgres && Environment.IsPrivilegedProcess)
        {
            start.ArgumentList.Insert(0, fileName);
            start.ArgumentList.Insert(0, "--");
            start.ArgumentList.Insert(0, "postgres");
            start.ArgumentList.Insert(0, "-u");
            start.FileName = "runuser";
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await process.WaitForExitAsync(timeout.Token);
        var output = await stdout + await stderr;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{start.FileName} {string.Join(' ', start.ArgumentList)} exited with {process.ExitCode}: {output}");
        }

        return output;
    }

    /// <summary>Waits until something accepts connections on the loopback port.</summary>
    public static async Task WaitForPortAsync(int port, TimeSpan timeout, Func<bool>? hasExited = null)
    {
        var stopwatch = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException) when (stopwatch.Elapsed < timeout && hasExited?.Invoke() != true)
            {
                await Task.Delay(20);
            }
        }
    }

    /// <summary>Kills a process and its children, and waits for it.</summary>
    public static async Task KillAsync(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            await process.WaitForExitAsync();
        }
        catch (InvalidOperationException)
        {
            // Never started, or already reaped.
        }
    }
}
