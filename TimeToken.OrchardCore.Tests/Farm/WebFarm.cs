using System.Diagnostics;
using System.Net;

namespace TimeToken.Tests.Farm;

/// <summary>
/// Two nodes of the sample Orchard site (A and B, separate processes) on one PostgreSQL database with the tenants'
/// shell settings in it, Orchard's Redis cache, bus, lock and Data Protection features and distributed tenants (the
/// <c>TimeTokenFarm</c> recipe), and one media folder. The Default tenant is set up once, by A, under Redis' lock.
/// Started once per test class; everything it started is stopped when the class ends, also after a failure.
/// </summary>
public class WebFarm : IAsyncLifetime
{
    private PostgresCluster? _postgres;
    private string? _skipReason;

    /// <summary>The farm's folder: the nodes' own folders and the shared media folder.</summary>
    public string Root { get; } = Path.Combine(Path.GetTempPath(), "timetoken-farm-" + Guid.NewGuid().ToString("N")[..12]);

    /// <summary>The media folder both nodes keep the Default tenant's media in.</summary>
    public string MediaRoot => Path.Combine(Root, "media");

    /// <summary>Node A, which set the tenant up.</summary>
    public FarmNode A { get; private set; } = null!;

    /// <summary>Node B.</summary>
    public FarmNode B { get; private set; } = null!;

    /// <summary>Both nodes.</summary>
    public IEnumerable<FarmNode> Nodes => [A, B];

    /// <summary>The private Redis of this farm, when <see cref="UsesPrivateRedis"/>.</summary>
    internal RedisServer? PrivateRedis { get; private set; }

    /// <summary>How long the farm took to start, set up included.</summary>
    public TimeSpan StartTime { get; private set; }

    /// <summary>When each step of the start ended, from the start.</summary>
    public List<string> Timings { get; } = [];

    /// <summary>Whether this farm starts its own redis-server (which a test may stop) instead of <c>TIMETOKEN_TEST_REDIS</c>.</summary>
    protected virtual bool UsesPrivateRedis => false;

    /// <summary>Skips the calling test, loudly, when PostgreSQL or Redis is not given to the tests.</summary>
    public void RequireFarm() => Assert.SkipWhen(_skipReason is not null, _skipReason ?? string.Empty);

    /// <inheritdoc />
    public async ValueTask InitializeAsync()
    {
        var redis = Environment.GetEnvironmentVariable("TIMETOKEN_TEST_REDIS");
        if (PostgresCluster.BinFolder is null)
        {
            _skipReason = "FARM TESTS SKIPPED: set TIMETOKEN_TEST_POSTGRES_BIN to the folder of PostgreSQL's initdb and pg_ctl (Debian: /usr/lib/postgresql/15/bin).";
            return;
        }

        if (!UsesPrivateRedis && string.IsNullOrEmpty(redis))
        {
            _skipReason = "FARM TESTS SKIPPED: set TIMETOKEN_TEST_REDIS=host:port (for example 127.0.0.1:6390).";
            return;
        }

        var stopwatch = Stopwatch.StartNew();
        try
        {
            Directory.CreateDirectory(MediaRoot);
            var postgres = PostgresCluster.StartAsync();
            if (UsesPrivateRedis)
            {
                PrivateRedis = await RedisServer.StartAsync();
                redis = PrivateRedis.Configuration;
            }

            _postgres = await postgres;
            Timings.Add($"database and Redis {stopwatch.Elapsed.TotalSeconds:0.0} s");
            var environment = NodeEnvironment(_postgres.ConnectionString, redis!);
            A = new FarmNode("A", Path.Combine(Root, "a"), environment);
            B = new FarmNode("B", Path.Combine(Root, "b"), environment);
            await Task.WhenAll(A.StartAsync(), B.StartAsync());
            Timings.Add($"both nodes listening {stopwatch.Elapsed.TotalSeconds:0.0} s");
            await SetUpAsync();
            StartTime = stopwatch.Elapsed;
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var node in new[] { A, B })
        {
            if (node is not null)
            {
                await node.DisposeAsync();
            }
        }

        if (PrivateRedis is not null)
        {
            await PrivateRedis.DisposeAsync();
        }

        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }

        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }

        GC.SuppressFinalize(this);
    }

    // Configuration only, as an operator gives it to every node: the same on A and B.
    private Dictionary<string, string> NodeEnvironment(string connectionString, string redis) => new()
    {
        ["OrchardCore__OrchardCore_Shells_Database__DatabaseProvider"] = "Postgres",
        ["OrchardCore__OrchardCore_Shells_Database__ConnectionString"] = connectionString,
        ["OrchardCore__OrchardCore_Shells_Database__TablePrefix"] = "Shells",
        ["OrchardCore__OrchardCore_Redis__Configuration"] = redis,
        ["OrchardCore__OrchardCore_Redis__InstancePrefix"] = Path.GetFileName(Root) + ":",
        ["OrchardCore__OrchardCore_Media__AssetsPath"] = MediaRoot,
        ["OrchardCore__OrchardCore_AutoSetup__Tenants__0__DatabaseProvider"] = "Postgres",
        ["OrchardCore__OrchardCore_AutoSetup__Tenants__0__DatabaseConnectionString"] = connectionString,
        ["OrchardCore__OrchardCore_AutoSetup__Tenants__0__RecipeName"] = "TimeTokenFarm",
        ["OrchardCore__OrchardCore_AutoSetup__Tenants__1__DatabaseProvider"] = "Postgres",
        ["OrchardCore__OrchardCore_AutoSetup__Tenants__1__DatabaseConnectionString"] = connectionString,
        ["OrchardCore__OrchardCore_AutoSetup__Tenants__1__DatabaseTablePrefix"] = "second",
    };

    // A's first request runs Orchard's auto setup (a redirect); B, which loaded the tenant as not set up, finds it set
    // up by another node under the lock, reloads it and answers 503 once; then both serve the home page.
    private async Task SetUpAsync()
    {
        using var client = A.CreateAnonymousClient();
        client.Timeout = TimeSpan.FromMinutes(3);
        var stopwatch = Stopwatch.StartNew();
        using var setup = await client.GetAsync("/");
        Timings.Add($"setup on A {stopwatch.Elapsed.TotalSeconds:0.0} s");
        if (setup.StatusCode is not (HttpStatusCode.Redirect or HttpStatusCode.OK))
        {
            throw new InvalidOperationException($"Auto setup on A answered {(int)setup.StatusCode}: {await setup.Content.ReadAsStringAsync()}\n{A.Output}");
        }

        await A.WaitForHomeAsync();
        Timings.Add($"home page on A {stopwatch.Elapsed.TotalSeconds:0.0} s");
        await B.WaitForHomeAsync();
        Timings.Add($"home page on B {stopwatch.Elapsed.TotalSeconds:0.0} s");
    }
}

/// <summary>A <see cref="WebFarm"/> with its own redis-server, which its tests stop and start.</summary>
public sealed class PrivateRedisWebFarm : WebFarm
{
    /// <inheritdoc />
    protected override bool UsesPrivateRedis => true;
}
