using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TimeToken.Core.Uploads;
using TimeToken.Tests.Core.Uploads;

namespace TimeToken.Tests.Core.Hostile;

/// <summary>
/// Bounded load on loopback: N clients for T seconds against one Kestrel application that holds the media gate,
/// StaticFiles and the upload endpoint, mixing valid downloads, invalid requests and slot uploads.
/// </summary>
/// <remarks>
/// Short form in the suite: 50 clients for 3 seconds. Long form by hand:
/// <c>TIMETOKEN_LOAD_SECONDS=30 TIMETOKEN_LOAD_CLIENTS=200 dotnet test TimeToken.sln -c Release -- --filter-class "*LoadTests"</c>.
/// Every client loop stops at the deadline and after at most 100,000 requests.
/// </remarks>
public sealed class LoadTests
{
    /// <summary>Managed heap growth allowed over the run, after a full collection.</summary>
    private const long MaxHeapGrowthBytes = 64L * 1024 * 1024;

    /// <summary>Working-set growth allowed over the run.</summary>
    private const long MaxWorkingSetGrowthBytes = 400L * 1024 * 1024;

    private const int MaxRequestsPerClient = 100_000;

    private static int Seconds => ReadSetting("TIMETOKEN_LOAD_SECONDS", 3);

    private static int Clients => ReadSetting("TIMETOKEN_LOAD_CLIENTS", 50);

    [Fact]
    public async Task Load_ConcurrentDownloadsRefusalsAndUploads_NoUnexpectedStatusUploadsIntactMemoryBounded()
    {
        var uploads = Directory.CreateTempSubdirectory("tt-load-").FullName;
        try
        {
            await using var site = await HostileMediaSite.StartAsync(
                services: s =>
                {
                    s.Configure<LoggerFilterOptions>(o => o.MinLevel = LogLevel.Warning);
                    s.AddTimeTokenUploadSlots(o => o.TempDirectory = Path.Combine(uploads, "tmp"));
                    s.AddSingleton<IUploadFileSink>(new PhysicalUploadFileSink(Path.Combine(uploads, "media")));
                    s.AddUploadSlotHandler<SaveToFolderUploadSlotHandler>(SaveToFolderUploadSlotHandler.DefaultName);
                },
                beforeGate: app => app.UseTimeTokenUploadSlots());
            var slots = site.Site.App.Services.GetRequiredService<IUploadSlotService>();
            var files = HostileMediaSite.ProtectedMarkers.Keys.ToArray();
            var tokens = files.Select(site.Token).ToArray();
            var lengths = files.ToDictionary(f => f, f => new FileInfo(Path.Combine(site.Site.Root, f)).Length, StringComparer.Ordinal);
            using var client = new HttpClient(new SocketsHttpHandler { UseCookies = false, MaxConnectionsPerServer = Clients })
            {
                BaseAddress = site.Address,
                Timeout = TimeSpan.FromSeconds(30),
            };

            var unexpected = new ConcurrentQueue<string>();
            var saved = new ConcurrentQueue<(string Path, byte[] Hash)>();
            long downloads = 0, refusals = 0;

            async Task RunClientAsync(int id, DateTime deadline)
            {
                var random = new Random(1000 + id);
                for (var n = 0; n < MaxRequestsPerClient && DateTime.UtcNow < deadline; n++)
                {
                    var dice = random.Next(10);
                    if (dice < 5)
                    {
                        var file = files[random.Next(files.Length)];
                        using var response = await client.GetAsync(site.Site.Url(file), TestContext.Current.CancellationToken);
                        var body = await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
                        if (response.StatusCode != HttpStatusCode.OK || body.Length != lengths[file])
                        {
                            unexpected.Enqueue($"download {file}: {(int)response.StatusCode}, {body.Length} bytes");
                        }

                        Interlocked.Increment(ref downloads);
                    }
                    else if (dice < 8)
                    {
                        var file = files[random.Next(files.Length)];
                        var url = random.Next(2) == 0 ? site.Site.Url(file) + "x" : "/media/" + file + "?tt=" + tokens[(Array.IndexOf(files, file) + 1) % files.Length];
                        using var response = await client.GetAsync(url, TestContext.Current.CancellationToken);
                        var body = await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
                        if (response.StatusCode != HttpStatusCode.NotFound || body.Length != 0)
                        {
                            unexpected.Enqueue($"invalid {url}: {(int)response.StatusCode}, {body.Length} bytes");
                        }

                        Interlocked.Increment(ref refusals);
                    }
                    else
                    {
                        var slot = await slots.CreateAsync(SaveToFolderUploadSlotHandler.DefaultName, SaveToFolderUploadSlotHandler.CreateArguments("load"), null, TestContext.Current.CancellationToken);
                        var content = TestData.Bytes(1 + random.Next(64 * 1024), id * 100_000 + n);
                        using var form = UploadTestHost.Multipart(($"c{id}-{n}.bin", content));
                        using var response = await client.PostAsync(slot.Url.TrimStart('/'), form, TestContext.Current.CancellationToken);
                        var json = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
                        if (response.StatusCode != HttpStatusCode.Created)
                        {
                            unexpected.Enqueue($"upload: {(int)response.StatusCode} {json}");
                            continue;
                        }

                        var path = JsonDocument.Parse(json).RootElement.GetProperty("path").GetString()!;
                        saved.Enqueue((path, SHA256.HashData(content)));
                    }
                }
            }

            // Warm up, then measure from a collected heap.
            await RunClientAsync(-1, DateTime.UtcNow.AddMilliseconds(300));
            var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
            var workingSetBefore = Process.GetCurrentProcess().WorkingSet64;
            var stopwatch = Stopwatch.StartNew();
            var deadline = DateTime.UtcNow.AddSeconds(Seconds);
            await Task.WhenAll(Enumerable.Range(0, Clients).Select(i => Task.Run(() => RunClientAsync(i, deadline), TestContext.Current.CancellationToken)));
            stopwatch.Stop();
            var heapAfter = GC.GetTotalMemory(forceFullCollection: true);
            var workingSetAfter = Process.GetCurrentProcess().WorkingSet64;

            TestContext.Current.TestOutputHelper?.WriteLine(
                $"{Clients} clients, {stopwatch.Elapsed.TotalSeconds:F1} s: {downloads} downloads, {refusals} refusals, {saved.Count} uploads; heap +{(heapAfter - heapBefore) / 1024} KB, working set +{(workingSetAfter - workingSetBefore) / 1024} KB");
            Assert.Empty(unexpected);
            Assert.True(downloads > 0 && refusals > 0 && !saved.IsEmpty, "Every kind of request ran.");
            foreach (var (path, hash) in saved)
            {
                var full = Path.Combine(uploads, "media", path);
                Assert.True(File.Exists(full), $"{path} is missing.");
                Assert.Equal(hash, SHA256.HashData(await File.ReadAllBytesAsync(full, TestContext.Current.CancellationToken)));
            }

            Assert.Equal(saved.Count, saved.Select(s => s.Path).Distinct(StringComparer.Ordinal).Count());
            Assert.Empty(Directory.GetFiles(Path.Combine(uploads, "tmp")));
            Assert.True(heapAfter - heapBefore < MaxHeapGrowthBytes, $"The heap grew by {heapAfter - heapBefore} bytes.");
            Assert.True(workingSetAfter - workingSetBefore < MaxWorkingSetGrowthBytes, $"The working set grew by {workingSetAfter - workingSetBefore} bytes.");
        }
        finally
        {
            Directory.Delete(uploads, recursive: true);
        }
    }

    private static int ReadSetting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;
}
