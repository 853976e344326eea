using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using OrchardCore.Environment.Shell;
using OrchardCore.Environment.Shell.Scope;

namespace TimeToken.Tests.OrchardSite;

/// <summary>
/// The sample Orchard CMS site (samples/TimeToken.OrchardCore.Site, its own Program.cs and appsettings.json) on a real
/// Kestrel loopback port, with App_Data and wwwroot in a temporary folder, the module's clock replaced by a
/// <see cref="FakeTimeProvider"/> and every log entry of Warning or above recorded (and, while a test asks for it,
/// every entry of any level). Orchard's auto setup installs each tenant on its first request, with the demo recipe.
/// </summary>
public sealed class OrchardSiteHost : WebApplicationFactory<Program>
{
    /// <summary>The admin account of both tenants, from the site's appsettings.json.</summary>
    public const string AdminUserName = "admin";

    /// <summary>The admin password of both tenants, from the site's appsettings.json.</summary>
    public const string AdminPassword = "TimeToken-Demo-1";

    private readonly IReadOnlyDictionary<string, string?> _configuration;
    private readonly ConcurrentQueue<string> _problems = new();
    private readonly ConcurrentQueue<string> _logs = new();
    private volatile bool _capturing;

    private bool _keepRoot;

    private OrchardSiteHost(IReadOnlyDictionary<string, string?> configuration, string root)
    {
        _configuration = configuration;
        Root = root;
        Directory.CreateDirectory(AppData);
        Directory.CreateDirectory(WebRoot);
        UseKestrel();
    }

    /// <summary>The temporary folder holding App_Data and wwwroot.</summary>
    public string Root { get; }

    /// <summary>The site's App_Data (tenants, databases, media).</summary>
    public string AppData => Path.Combine(Root, "App_Data");

    /// <summary>The site's web root, served by <c>UseStaticFiles()</c> before any tenant.</summary>
    public string WebRoot => Path.Combine(Root, "wwwroot");

    /// <summary>The module's clock (the site registers it before Orchard copies the host's services into tenants).</summary>
    public FakeTimeProvider Time { get; } = new(DateTimeOffset.UtcNow);

    /// <summary>The Kestrel address, such as <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Log entries of Warning or above, as "level category: message".</summary>
    public IReadOnlyCollection<string> Problems => _problems;

    /// <summary>
    /// Every log entry of any level and category (whatever the site's own log levels) while <see cref="CaptureLogs"/>
    /// is on, as "level category[event id]: message exception".
    /// </summary>
    public IReadOnlyCollection<string> Logs => _logs;

    /// <summary>Empties <see cref="Logs"/> and records every log entry into it until the result is disposed.</summary>
    public IDisposable CaptureLogs()
    {
        _logs.Clear();
        _capturing = true;
        return new CaptureScope(this);
    }

    /// <summary>The media folder of a tenant.</summary>
    public string MediaRoot(string tenant = ShellSettings.DefaultShellName) => Path.Combine(AppData, "Sites", tenant, "Media");

    /// <summary>Starts the site in a new temporary folder and sets up the Default and Second tenants.</summary>
    /// <param name="configuration">App configuration added last, in the keys of appsettings.json (<c>OrchardCore:…</c>).</param>
    public static Task<OrchardSiteHost> StartAsync(IReadOnlyDictionary<string, string?>? configuration = null)
        => StartAsync(configuration, Path.Combine(Path.GetTempPath(), "timetoken-site-" + Guid.NewGuid().ToString("N")));

    /// <summary>
    /// Stops this site, keeping its files, and starts it again on them with <paramref name="configuration"/>, as an
    /// operator restarts a site after changing its configuration.
    /// </summary>
    public async Task<OrchardSiteHost> RestartAsync(IReadOnlyDictionary<string, string?> configuration)
    {
        _keepRoot = true;
        await DisposeAsync();
        return await StartAsync(configuration, Root);
    }

    private static async Task<OrchardSiteHost> StartAsync(IReadOnlyDictionary<string, string?>? configuration, string root)
    {
        var host = new OrchardSiteHost(configuration ?? new Dictionary<string, string?>(), root);
        try
        {
            host.StartServer();
            var addresses = host.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>();
            host.BaseAddress = new Uri(addresses.Addresses.Single().TrimEnd('/') + "/");
            await host.SetUpAsync("/");
            await host.SetUpAsync("/second/");
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    /// <summary>A client of the Kestrel address that follows no redirects and keeps no cookies.</summary>
    public HttpClient CreateAnonymousClient() => new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = BaseAddress };

    /// <summary>Runs <paramref name="action"/> in a scope of the tenant, as a request of that tenant would.</summary>
    public async Task<T> InTenantAsync<T>(string tenant, Func<IServiceProvider, Task<T>> action)
    {
        var shellHost = Services.GetRequiredService<IShellHost>();
        var scope = await shellHost.GetScopeAsync(tenant);
        var result = default(T)!;
        await scope.UsingAsync(async s => result = await action(s.ServiceProvider));
        return result;
    }

    /// <inheritdoc />
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // Production, as a deployed site runs (Development would switch Orchard to compiling Razor views at run time).
        builder.UseEnvironment("Production");
        builder.UseSetting("urls", "http://127.0.0.1:0");
        builder.UseSetting(WebHostDefaults.WebRootKey, WebRoot);
        builder.ConfigureAppConfiguration(configuration => configuration.AddInMemoryCollection(_configuration));
        builder.ConfigureLogging(logging => logging
            .AddProvider(new ProblemLoggerProvider(_problems))
            .AddProvider(new CaptureLoggerProvider(this))
            .AddFilter<CaptureLoggerProvider>(category: null, LogLevel.Trace));
        builder.ConfigureServices(services =>
        {
            services.AddSingleton<TimeProvider>(Time);
            services.PostConfigure<ShellOptions>(options => options.ShellsApplicationDataPath = AppData);
        });
    }

    /// <inheritdoc />
    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_keepRoot)
        {
            return;
        }

        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by SQLite's pool; the temporary folder is left behind.
        }
    }

    // The first request of a new tenant runs Orchard's auto setup and answers a redirect; the next one is the home page.
    private async Task SetUpAsync(string path)
    {
        using var client = CreateAnonymousClient();
        using var setup = await client.GetAsync(path);
        if (setup.StatusCode == HttpStatusCode.OK)
        {
            return;
        }

        if (setup.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Auto setup of {path} answered {(int)setup.StatusCode}: {await setup.Content.ReadAsStringAsync()}");
        }

        using var home = await client.GetAsync(path);
        home.EnsureSuccessStatusCode();
    }

    private sealed class CaptureScope : IDisposable
    {
        private readonly OrchardSiteHost _host;

        public CaptureScope(OrchardSiteHost host) => _host = host;

        public void Dispose() => _host._capturing = false;
    }

    // Its own filter rule lets every level through, so the site's "Default": "Warning" does not hide anything from it.
    private sealed class CaptureLoggerProvider : ILoggerProvider
    {
        private readonly OrchardSiteHost _host;

        public CaptureLoggerProvider(OrchardSiteHost host) => _host = host;

        public ILogger CreateLogger(string categoryName) => new CaptureLogger(categoryName, _host);

        public void Dispose()
        {
        }
    }

    private sealed class CaptureLogger : ILogger
    {
        private readonly string _category;
        private readonly OrchardSiteHost _host;

        public CaptureLogger(string category, OrchardSiteHost host)
        {
            _category = category;
            _host = host;
        }

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => _host._capturing && logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                _host._logs.Enqueue($"{logLevel} {_category}[{eventId.Id}]: {formatter(state, exception)} {exception}");
            }
        }
    }

    private sealed class ProblemLoggerProvider : ILoggerProvider
    {
        private readonly ConcurrentQueue<string> _problems;

        public ProblemLoggerProvider(ConcurrentQueue<string> problems) => _problems = problems;

        public ILogger CreateLogger(string categoryName) => new ProblemLogger(categoryName, _problems);

        public void Dispose()
        {
        }
    }

    private sealed class ProblemLogger : ILogger
    {
        private readonly string _category;
        private readonly ConcurrentQueue<string> _problems;

        public ProblemLogger(string category, ConcurrentQueue<string> problems)
        {
            _category = category;
            _problems = problems;
        }

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                _problems.Enqueue($"{logLevel} {_category}: {formatter(state, exception)} {exception}");
            }
        }
    }
}
