using System.Collections.Concurrent;
using System.Diagnostics;
using TimeToken.Tests.TestSupport;

namespace TimeToken.Tests.Farm;

/// <summary>
/// One node of the farm: the sample Orchard site (<c>samples/TimeToken.OrchardCore.Site</c>, its build of the tests'
/// configuration) as a separate OS process on a loopback port, configured by environment variables only, with its
/// own App_Data and web root. Its console log is kept; <see cref="Problems"/> holds every <c>fail</c> or <c>crit</c>
/// entry.
/// </summary>
public sealed class FarmNode : IAsyncDisposable
{
    private readonly IReadOnlyDictionary<string, string> _environment;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly ConcurrentQueue<string> _problems = new();
    private Process? _process;

    internal FarmNode(string name, string root, IReadOnlyDictionary<string, string> environment)
    {
        Name = name;
        Root = root;
        _environment = environment;
        Port = FarmProcess.FreePort();
        BaseAddress = new Uri($"http://127.0.0.1:{Port}/");
    }

    /// <summary>The node's name (A, B).</summary>
    public string Name { get; }

    /// <summary>The node's own folder: App_Data and wwwroot.</summary>
    public string Root { get; }

    /// <summary>The node's private App_Data (host keys, upload temp folders).</summary>
    public string AppData => Path.Combine(Root, "App_Data");

    /// <summary>The folder of a tenant's upload bodies on this node.</summary>
    public string UploadTempFolder(string tenant = "Default") => Path.Combine(AppData, "Sites", tenant, "timetoken-uploads");

    /// <summary>The loopback port; the same after a restart.</summary>
    public int Port { get; }

    /// <summary>The node's address.</summary>
    public Uri BaseAddress { get; }

    /// <summary>Whether the process runs.</summary>
    public bool IsRunning => _process is { HasExited: false };

    /// <summary>The <c>fail</c> and <c>crit</c> entries of the node's log, with their first line of text.</summary>
    public IReadOnlyCollection<string> Problems => _problems;

    /// <summary>The node's console output.</summary>
    public string Output => string.Join('\n', _output);

    private static string SiteFolder
    {
        get
        {
            // The tests' own output folder is .../bin/{Configuration}/{tfm}/: the site of the same build sits alike.
            var tfm = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var configuration = tfm.Parent!.Name;
            return Path.Combine(RepositoryPaths.Root, "samples", "TimeToken.OrchardCore.Site", "bin", configuration, tfm.Name);
        }
    }

    /// <summary>A client of the node that follows no redirects and keeps no cookies.</summary>
    public HttpClient CreateAnonymousClient() => new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, PooledConnectionLifetime = TimeSpan.FromSeconds(30) }) { BaseAddress = BaseAddress };

    /// <summary>Starts the process and waits until Kestrel listens.</summary>
    public async Task StartAsync()
    {
        Directory.CreateDirectory(AppData);
        Directory.CreateDirectory(Path.Combine(Root, "wwwroot"));
        var dll = Path.Combine(SiteFolder, "TimeToken.OrchardCore.Site.dll");
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"{dll} is missing: build samples/TimeToken.OrchardCore.Site first.");
        }

        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = SiteFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { dll, "--urls", BaseAddress.ToString().TrimEnd('/'), "--webroot", Path.Combine(Root, "wwwroot"), "--environment", "Production" })
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("OrchardCore", StringComparison.OrdinalIgnoreCase) || k.StartsWith("ASPNETCORE_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["ORCHARD_APP_DATA"] = AppData;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Logging__Console__FormatterName"] = "simple";
        start.Environment["Logging__Console__FormatterOptions__SingleLine"] = "true";
        foreach (var (name, value) in _environment)
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start)!;
        _process = process;
        process.OutputDataReceived += (_, e) => Record(e.Data);
        process.ErrorDataReceived += (_, e) => Record(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await FarmProcess.WaitForPortAsync(Port, TimeSpan.FromSeconds(60), () => process.HasExited);
        }
        catch (Exception exception) when (exception is System.Net.Sockets.SocketException)
        {
            throw new InvalidOperationException($"Node {Name} did not start: {Output}", exception);
        }
    }

    /// <summary>Waits until the node serves the tenant's home page (at most three minutes).</summary>
    public async Task WaitForHomeAsync()
    {
        using var client = CreateAnonymousClient();
        client.Timeout = TimeSpan.FromMinutes(3);
        var stopwatch = Stopwatch.StartNew();
        while (true)
        {
            using var home = await client.GetAsync("/");
            if (home.StatusCode == System.Net.HttpStatusCode.OK)
            {
                return;
            }

            if (stopwatch.Elapsed > TimeSpan.FromMinutes(3))
            {
                throw new InvalidOperationException($"Node {Name} answered {(int)home.StatusCode}.\n{Output}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Kills the process at once (SIGKILL) and starts it again on its files and port.</summary>
    public async Task RestartAsync()
    {
        await KillAsync();
        await StartAsync();
        await WaitForHomeAsync();
    }

    /// <summary>Kills the process at once (SIGKILL on Unix), as a crash would.</summary>
    public async Task KillAsync()
    {
        if (_process is { } process)
        {
            await FarmProcess.KillAsync(process);
            process.Dispose();
            _process = null;
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await KillAsync();

    private void Record(string? line)
    {
        if (line is null)
        {
            return;
        }

        // The simple console format on one line: "fail: Category[id] message".
        _output.Enqueue(line);
        if (line.StartsWith("fail:", StringComparison.Ordinal) || line.StartsWith("crit:", StringComparison.Ordinal))
        {
            _problems.Enqueue(line);
        }
    }
}
