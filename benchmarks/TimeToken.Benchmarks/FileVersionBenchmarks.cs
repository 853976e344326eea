using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TimeToken.Core.Media;

namespace TimeToken.Benchmarks;

/// <summary>
/// What seeing a file rewritten on local disk costs per gate check: a version cache hit (what a file watcher would
/// give, since it only invalidates), the default one-second bound on a local file system (a cache hit, and one
/// <c>stat</c> per path and second), and a fresh <c>stat</c> on every check. Beside them: one
/// <see cref="PhysicalMediaFileInfoSource"/> look-up alone, and what setting up a recursive
/// <see cref="FileSystemWatcher"/> over a tree of 100 folders costs (one inotify watch per folder on Linux).
/// </summary>
[MemoryDiagnoser]
public class FileVersionBenchmarks
{
    private const string Path = "documents/2025/annual-report-final2.pdf";

    private string _root = null!;
    private string _tree = null!;
    private PhysicalMediaFileInfoSource _source = null!;
    private ServiceProvider _cached = null!;
    private ServiceProvider _oneSecond = null!;
    private ServiceProvider _fresh = null!;
    private IMediaFileVersionProvider _cachedVersions = null!;
    private IMediaFileVersionProvider _oneSecondVersions = null!;
    private IMediaFileVersionProvider _freshVersions = null!;

    [GlobalSetup]
    public void Setup()
    {
        _root = Directory.CreateTempSubdirectory("timetoken-bench-versions-").FullName;
        BenchmarkData.WriteFile(_root, Path, new string('x', 4096));
        _tree = System.IO.Path.Combine(_root, "tree");
        for (var i = 0; i < 100; i++)
        {
            Directory.CreateDirectory(System.IO.Path.Combine(_tree, (i / 10).ToString(System.Globalization.CultureInfo.InvariantCulture), i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        _source = new PhysicalMediaFileInfoSource(_root);
        _cached = Create(new RemoteView(_source), o => o.CacheSeconds = 24 * 3600);
        _oneSecond = Create(_source, _ => { });
        _fresh = Create(_source, o => o.LocalCacheSeconds = 0);
        _cachedVersions = _cached.GetRequiredService<IMediaFileVersionProvider>();
        _oneSecondVersions = _oneSecond.GetRequiredService<IMediaFileVersionProvider>();
        _freshVersions = _fresh.GetRequiredService<IMediaFileVersionProvider>();
        foreach (var versions in new[] { _cachedVersions, _oneSecondVersions, _freshVersions })
        {
            if (versions.GetVersionAsync(Path, CancellationToken.None).AsTask().GetAwaiter().GetResult() is null)
            {
                throw new InvalidOperationException("The file's version was not read.");
            }
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _cached.Dispose();
        _oneSecond.Dispose();
        _fresh.Dispose();
        Directory.Delete(_root, recursive: true);
    }

    [Benchmark(Baseline = true, Description = "Version cache hit (watcher-style invalidation)")]
    public ValueTask<MediaFileVersion?> CacheHit() => _cachedVersions.GetVersionAsync(Path, CancellationToken.None);

    [Benchmark(Description = "Local bound 1 s (default)")]
    public ValueTask<MediaFileVersion?> OneSecondBound() => _oneSecondVersions.GetVersionAsync(Path, CancellationToken.None);

    [Benchmark(Description = "Fresh stat on every check")]
    public ValueTask<MediaFileVersion?> FreshStat() => _freshVersions.GetVersionAsync(Path, CancellationToken.None);

    [Benchmark(Description = "PhysicalMediaFileInfoSource look-up alone")]
    public ValueTask<MediaFileInfo> SourceOnly() => _source.GetFileInfoAsync(Path, CancellationToken.None);

    [Benchmark(Description = "FileSystemWatcher set-up over 100 folders")]
    public bool WatcherSetup()
    {
        using var watcher = new FileSystemWatcher(_tree) { IncludeSubdirectories = true, NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.FileName };
        watcher.EnableRaisingEvents = true;
        return watcher.EnableRaisingEvents;
    }

    private static ServiceProvider Create(IMediaFileInfoSource source, Action<MediaFileVersionOptions> configure)
    {
        var services = new ServiceCollection();
        services.AddSingleton(source);
        services.AddTimeTokenMedia();
        services.Configure(configure);
        return services.BuildServiceProvider();
    }

    /// <summary>The same files, seen as a remote store: the version is cached for <c>CacheSeconds</c>.</summary>
    private sealed class RemoteView : IMediaFileInfoSource
    {
        private readonly IMediaFileInfoSource _inner;

        public RemoteView(IMediaFileInfoSource inner) => _inner = inner;

        public ValueTask<MediaFileInfo> GetFileInfoAsync(string normalizedPath, CancellationToken cancellationToken) =>
            _inner.GetFileInfoAsync(normalizedPath, cancellationToken);
    }
}
