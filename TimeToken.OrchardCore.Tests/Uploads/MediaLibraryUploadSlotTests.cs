using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using OrchardCore.Environment.Shell;
using OrchardCore.FileStorage;
using OrchardCore.Media;
using TimeToken.Core.Uploads;
using TimeToken.OrchardCore;
using TimeToken.OrchardCore.Uploads;

namespace TimeToken.Tests.OrchardCore;

public sealed class MediaLibraryUploadSlotTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<OrchardMediaHost> StartAsync() => OrchardMediaHost.StartAsync(
        configureServices: services =>
        {
            services.AddSingleton(new ShellSettings { Name = "Tenant1", RequestUrlPrefix = "tenant1" });
            services.Configure<MediaOptions>(o =>
            {
                o.AllowedFileExtensions = [".pdf", ".txt"];
                o.MaxFileSize = 1000;
            });
            UploadSlotsStartup.AddUploadSlots(services);
        },
        configurePipeline: app =>
        {
            app.UsePathBase("/tenant1");
            new UploadSlotsStartup().Configure(app, app, app.Services);
        });

    private static async Task<UploadSlot> CreateSlotAsync(OrchardMediaHost host, string folder, UploadSlotOptions? options = null)
    {
        using var scope = host.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<MediaLibraryUploadSlots>().CreateAsync(folder, options, Ct);
    }

    private static async Task<HttpResponseMessage> PostAsync(OrchardMediaHost host, UploadSlot slot, string fileName, byte[] body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, slot.Url) { Content = new ByteArrayContent(body) };
        request.Headers.Add("X-File-Name", fileName);
        return await host.Client.SendAsync(request, Ct);
    }

    [Fact]
    public async Task CreateAsync_RequestedLimitsWiderThanMedia_NarrowedAndTenantPrefixed()
    {
        // Arrange
        await using var host = await StartAsync();

        // Act
        var slot = await CreateSlotAsync(host, "uploads/invoices", new UploadSlotOptions { AllowedExtensions = [".pdf", ".exe"], MaxBytes = 5000 });

        // Assert
        Assert.StartsWith("/tenant1/timetoken/upload/", slot.Url, StringComparison.Ordinal);
        Assert.Equal(1000, slot.MaxBytes);
        Assert.Equal([".pdf"], slot.AllowedExtensions);
    }

    [Fact]
    public async Task CreateAsync_InRequest_UrlStartsWithRequestPathBase()
    {
        // Arrange: Orchard moves the tenant prefix into the path base, after the application's own path base.
        await using var host = await StartAsync();
        using var scope = host.Services.CreateScope();
        var accessor = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Http.IHttpContextAccessor>();
        accessor.HttpContext = new Microsoft.AspNetCore.Http.DefaultHttpContext();
        accessor.HttpContext.Request.PathBase = "/app/tenant1";

        try
        {
            // Act
            var slot = await scope.ServiceProvider.GetRequiredService<MediaLibraryUploadSlots>().CreateAsync("uploads", cancellationToken: Ct);

            // Assert
            Assert.StartsWith("/app/tenant1/timetoken/upload/", slot.Url, StringComparison.Ordinal);
        }
        finally
        {
            accessor.HttpContext = null;
        }
    }

    [Fact]
    public async Task Post_AllowedFile_SavedInMediaFolderThroughStore()
    {
        // Arrange
        await using var host = await StartAsync();
        var slot = await CreateSlotAsync(host, "uploads/invoices");

        // Act
        using var response = await PostAsync(host, slot, "bill.pdf", [1, 2, 3]);

        // Assert
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal("uploads/invoices/bill.pdf", json.RootElement.GetProperty("path").GetString());
        Assert.Equal([1, 2, 3], await File.ReadAllBytesAsync(Path.Combine(host.Root, "uploads/invoices/bill.pdf"), Ct));
    }

    [Fact]
    public async Task Post_NameTaken_SavedUnderNextFreeNameWithoutOverwriting()
    {
        // Arrange
        await using var host = await StartAsync();
        host.WriteFile("uploads/bill.pdf", "original");
        var slot = await CreateSlotAsync(host, "uploads");

        // Act
        using var response = await PostAsync(host, slot, "bill.pdf", [9]);

        // Assert
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("original", await File.ReadAllTextAsync(Path.Combine(host.Root, "uploads/bill.pdf"), Ct));
        Assert.Equal([9], await File.ReadAllBytesAsync(Path.Combine(host.Root, "uploads/bill-1.pdf"), Ct));
    }

    [Fact]
    public async Task Post_ExtensionNotAllowedByMedia_Refused415()
    {
        // Arrange
        await using var host = await StartAsync();
        var slot = await CreateSlotAsync(host, "uploads");

        // Act
        using var response = await PostAsync(host, slot, "tool.exe", [1]);

        // Assert
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.False(File.Exists(Path.Combine(host.Root, "uploads/tool.exe")));
    }

    [Fact]
    public async Task Post_LargerThanMediaMaxFileSize_Refused413()
    {
        // Arrange
        await using var host = await StartAsync();
        var slot = await CreateSlotAsync(host, "uploads");

        // Act
        using var response = await PostAsync(host, slot, "big.pdf", new byte[1001]);

        // Assert
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public void Narrow_NoExtensionAllowed_Throws()
    {
        // Arrange
        var media = new MediaOptions { AllowedFileExtensions = [".pdf"], MaxFileSize = 10 };

        // Act / Assert
        Assert.Throws<ArgumentException>(() => MediaLibraryUploadSlots.Narrow(new UploadSlotOptions { AllowedExtensions = [".exe"] }, media));
    }

    [Fact]
    public void Narrow_NothingRequested_MediaLimits()
    {
        // Arrange
        var media = new MediaOptions { AllowedFileExtensions = [".pdf", ".PNG"], MaxFileSize = 10 };

        // Act
        var options = MediaLibraryUploadSlots.Narrow(null, media);

        // Assert
        Assert.Equal(10, options.MaxBytes);
        Assert.Equal([".PNG", ".pdf"], options.AllowedExtensions!.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task TryCreateFile_ExistsAfterRace_ReturnsNull()
    {
        // Arrange: another writer creates the file between the sink's check and its write.
        var root = Directory.CreateTempSubdirectory("timetoken-sink-").FullName;
        try
        {
            var store = new FakeMediaFileStore(root);
            store.FailCreate = path =>
            {
                store.WriteNew(path, "other writer");
                return new FileStoreException($"Cannot create file '{path}' because it already exists.");
            };
            var sink = new MediaFileStoreUploadFileSink(store);

            // Act
            var result = await sink.TryCreateFileAsync("a/b.txt", new MemoryStream([1]), Ct);

            // Assert
            Assert.Null(result);
            Assert.Equal("other writer", await File.ReadAllTextAsync(Path.Combine(root, "a/b.txt"), Ct));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public async Task TryCreateFile_StoreFailsOtherwise_Throws()
    {
        // Arrange
        var root = Directory.CreateTempSubdirectory("timetoken-sink-").FullName;
        try
        {
            var store = new FakeMediaFileStore(root) { FailCreate = _ => new FileStoreException("quota exceeded") };
            var sink = new MediaFileStoreUploadFileSink(store);

            // Act / Assert
            await Assert.ThrowsAsync<FileStoreException>(() => sink.TryCreateFileAsync("a.txt", new MemoryStream([1]), Ct));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
