namespace TimeToken.Tests.Farm;

/// <summary>
/// A throw-away PostgreSQL cluster in a temporary folder on a free loopback port, with one empty database, made with
/// the binaries of <c>TIMETOKEN_TEST_POSTGRES_BIN</c> (Debian: <c>/usr/lib/postgresql/15/bin</c>). PostgreSQL refuses
/// to run as root: as root the cluster belongs to the <c>postgres</c> user and its tools run through <c>runuser</c>.
/// </summary>
internal sealed class PostgresCluster : IAsyncDisposable
{
    private const string Database = "timetoken";

    private readonly string _bin;
    private bool _started;

    private PostgresCluster(string bin, string folder, int port)
    {
        _bin = bin;
        Folder = folder;
        Port = port;
    }

    /// <summary>The folder of PostgreSQL's binaries, from <c>TIMETOKEN_TEST_POSTGRES_BIN</c>, or null.</summary>
    public static string? BinFolder => Environment.GetEnvironmentVariable("TIMETOKEN_TEST_POSTGRES_BIN") is { Length: > 0 } value ? value : null;

    /// <summary>The cluster's folder (data and socket).</summary>
    public string Folder { get; }

    /// <summary>The loopback port.</summary>
    public int Port { get; }

    /// <summary>An Npgsql connection string to the database, as Orchard's <c>Postgres</c> provider takes it.</summary>
    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Database={Database};Username=postgres;Pooling=true";

    /// <summary>Makes and starts a cluster.</summary>
    public static async Task<PostgresCluster> StartAsync()
    {
        var bin = BinFolder ?? throw new InvalidOperationException("TIMETOKEN_TEST_POSTGRES_BIN is not set.");

        // Below /tmp when root: the postgres user must reach the folder, and a private TMPDIR of root's is closed to it.
        var parent = Environment.IsPrivilegedProcess ? "/tmp" : Path.GetTempPath();
        var folder = Path.Combine(parent, "timetoken-pg-" + Guid.NewGuid().ToString("N")[..12]);
        var cluster = new PostgresCluster(bin, folder, FarmProcess.FreePort());
        try
        {
            await FarmProcess.RunAsync("mkdir", ["-m", "700", folder], runAsPostgres: true);
            await cluster.ToolAsync("initdb", "-D", cluster.Data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-sync");
            cluster._started = true;
            await cluster.ToolAsync(
                "pg_ctl", "-D", cluster.Data, "-l", Path.Combine(folder, "server.log"), "-w", "-t", "60", "start",
                "-o", $"-p {cluster.Port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200");
            await cluster.ToolAsync("createdb", "-h", "127.0.0.1", "-p", cluster.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", "postgres", Database);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    private string Data => Path.Combine(Folder, "data");

    /// <summary>Stops the server at once and deletes its folder.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_started)
        {
            try
            {
                await ToolAsync("pg_ctl", "-D", Data, "-m", "immediate", "-w", "stop");
            }
            catch (InvalidOperationException)
            {
                // Not running.
            }
        }

        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private Task<string> ToolAsync(string tool, params string[] arguments) => FarmProcess.RunAsync(Path.Combine(_bin, tool), arguments, runAsPostgres: true);
}
