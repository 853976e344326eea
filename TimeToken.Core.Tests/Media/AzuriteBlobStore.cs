using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using TimeToken.Core.Media;

namespace TimeToken.Tests.Core.Media;

/// <summary>
/// A real Azure Blob store: Azurite's blob service (<c>TIMETOKEN_TEST_AZURITE</c> names its <c>azurite-blob</c>
/// program) on a free loopback port, in memory, with one container; and the media store adapter over it, which
/// counts its calls. The adapter is part of the tests only.
/// </summary>
internal sealed class AzuriteBlobStore : IMediaFileInfoSource, IAsyncDisposable
{
    // Azurite's well-known development account.
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly Process _process;
    private int _fileCalls;
    private int _listCalls;

    private AzuriteBlobStore(Process process, BlobContainerClient container)
    {
        _process = process;
        Container = container;
    }

    public BlobContainerClient Container { get; }

    public int FileCalls => Volatile.Read(ref _fileCalls);

    public int ListCalls => Volatile.Read(ref _listCalls);

    public static async Task<AzuriteBlobStore> StartAsync()
    {
        var program = Environment.GetEnvironmentVariable("TIMETOKEN_TEST_AZURITE");
        Assert.SkipWhen(
            string.IsNullOrEmpty(program) || !File.Exists(program),
            "AZURITE TESTS SKIPPED: set TIMETOKEN_TEST_AZURITE to the azurite-blob program (npm install azurite) to run them against a real blob store.");

        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();

        var info = new ProcessStartInfo(program!) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "--blobHost", "127.0.0.1", "--blobPort", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--inMemoryPersistence", "--silent", "--skipApiVersionCheck" })
        {
            info.ArgumentList.Add(argument);
        }

        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var service = new BlobServiceClient(
            $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};BlobEndpoint=http://127.0.0.1:{port}/devstoreaccount1;");
        var container = service.GetBlobContainerClient("media");
        var started = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                await container.CreateIfNotExistsAsync(cancellationToken: TestContext.Current.CancellationToken);
                return new AzuriteBlobStore(process, container);
            }
            catch (Exception exception) when ((exception is RequestFailedException or HttpRequestException or AggregateException) && started.Elapsed < TimeSpan.FromSeconds(30))
            {
                // Azurite is still starting; bounded by the 30 s above.
                await Task.Delay(100, TestContext.Current.CancellationToken);
            }
        }
    }

    public Task UploadAsync(string path, string content) =>
        Container.GetBlobClient(path).UploadAsync(BinaryData.FromString(content), overwrite: true, TestContext.Current.CancellationToken);

    public async ValueTask<MediaFileInfo> GetFileInfoAsync(string normalizedPath, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _fileCalls);
        try
        {
            BlobProperties properties = await Container.GetBlobClient(normalizedPath).GetPropertiesAsync(cancellationToken: cancellationToken);
            return new MediaFileInfo(true, properties.LastModified, properties.ContentLength);
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            return MediaFileInfo.NotFound;
        }
    }

    public async ValueTask<IReadOnlyList<KeyValuePair<string, MediaFileInfo>>?> ListFilesAsync(string normalizedFolder, int maxFiles, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _listCalls);
        var files = new List<KeyValuePair<string, MediaFileInfo>>();
        await foreach (var item in Container.GetBlobsByHierarchyAsync(BlobTraits.None, BlobStates.None, "/", normalizedFolder, cancellationToken))
        {
            if (item.IsBlob)
            {
                files.Add(KeyValuePair.Create(item.Blob.Name, new MediaFileInfo(true, item.Blob.Properties.LastModified!.Value, item.Blob.Properties.ContentLength ?? 0)));
                if (files.Count >= maxFiles)
                {
                    break;
                }
            }
        }

        return files;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(CancellationToken.None);
        }

        _process.Dispose();
    }
}
