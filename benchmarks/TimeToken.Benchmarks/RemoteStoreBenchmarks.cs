using System.Globalization;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using TimeToken.Core.Media;

namespace TimeToken.Benchmarks;

/// <summary>
/// A cold 200-link gallery (one folder) in front of a remote store stand-in whose every call takes 20 ms (Azure Blob
/// and S3 take 10 to 50 ms): the version and URL caches are emptied, and every background look-up has finished,
/// before each operation. Baseline in the same run: one store call.
/// </summary>
[MemoryDiagnoser]
public class RemoteStoreBenchmarks
{
    private const int LinkCount = 200;
    private static readonly TimeSpan s_latency = TimeSpan.FromMilliseconds(20);

    private string _root = null!;
    private LatencyStore _store = null!;
    private ServiceProvider _services = null!;
    private MediaFileVersionProvider _versions = null!;
    private MediaUrlSigner _signer = null!;
    private string[] _paths = null!;

    /// <summary>Whether the store lists a folder in one call (blob stores do; without it, one call per file).</summary>
    [Params(true, false)]
    public bool CanList { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _root = Directory.CreateTempSubdirectory("timetoken-bench-remote-").FullName;
        _paths = [.. Enumerable.Range(0, LinkCount).Select(i => string.Create(CultureInfo.InvariantCulture, $"gallery/2025/photo-{i:D3}.jpg"))];
        foreach (var path in _paths)
        {
            BenchmarkData.WriteFile(_root, path, path);
        }

        _store = new LatencyStore(_root, s_latency, CanList);
        _services = BenchmarkData.CreateServices(_store);
        _versions = (MediaFileVersionProvider)_services.GetRequiredService<IMediaFileVersionProvider>();
        _signer = (MediaUrlSigner)_services.GetRequiredService<IMediaUrlSigner>();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _services.Dispose();
        Directory.Delete(_root, recursive: true);
    }

    [IterationSetup]
    public void Cold()
    {
        _versions.WhenBackgroundIdle().GetAwaiter().GetResult();
        _versions.Clear();
        _signer.ClearUrlCache();
    }

    [Benchmark(Baseline = true, Description = "One store call (20 ms)")]
    public async Task<MediaFileInfo> OneStoreCall() => await _store.GetFileInfoAsync(_paths[0], CancellationToken.None);

    [Benchmark(Description = "Cold gallery, synchronous signing (asset_url, media fields, signed_media_url)")]
    public int SignSynchronously()
    {
        var length = 0;
        foreach (var path in _paths)
        {
            length += _signer.Sign(MediaUrlRequest.UnderBase("/media", path)).Url!.Length;
        }

        return length;
    }

    [Benchmark(Description = "Cold gallery, version awaited then signed, one after the other")]
    public async Task<int> SignAwaitingVersions()
    {
        var length = 0;
        foreach (var path in _paths)
        {
            await _versions.GetVersionAsync(path, CancellationToken.None);
            length += _signer.Sign(MediaUrlRequest.ForPath(path)).Url!.Length;
        }

        return length;
    }

    /// <summary>Every call waits the latency, on the real clock, and never completes synchronously.</summary>
    private sealed class LatencyStore : IMediaFileInfoSource
    {
        private readonly string _root;
        private readonly TimeSpan _latency;
        private readonly bool _canList;

        public LatencyStore(string root, TimeSpan latency, bool canList)
        {
            _root = root;
            _latency = latency;
            _canList = canList;
        }

        public async ValueTask<MediaFileInfo> GetFileInfoAsync(string normalizedPath, CancellationToken cancellationToken)
        {
            await Task.Delay(_latency, cancellationToken);
            var file = new FileInfo(Path.Combine(_root, normalizedPath));
            return file.Exists ? new MediaFileInfo(true, file.LastWriteTimeUtc, file.Length) : MediaFileInfo.NotFound;
        }

        public async ValueTask<IReadOnlyList<KeyValuePair<string, MediaFileInfo>>?> ListFilesAsync(string normalizedFolder, int maxFiles, CancellationToken cancellationToken)
        {
            if (!_canList)
            {
                return null;
            }

            await Task.Delay(_latency, cancellationToken);
            return [.. new DirectoryInfo(Path.Combine(_root, normalizedFolder)).EnumerateFiles().Take(maxFiles)
                .Select(f => KeyValuePair.Create(normalizedFolder + f.Name, new MediaFileInfo(true, f.LastWriteTimeUtc, f.Length)))];
        }
    }
}
