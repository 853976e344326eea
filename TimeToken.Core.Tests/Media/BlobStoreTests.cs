using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TimeToken.Core.Media;
using TimeToken.Core.Signing;
using TimeToken.Tests.TestSupport;

namespace TimeToken.Tests.Core.Media;

/// <summary>The remote-store scenarios of <see cref="RemoteStoreTests"/> against a real blob store (Azurite).</summary>
public sealed class BlobStoreTests
{
    private const int GallerySize = 200;

    [Fact]
    public async Task SignPath_ColdGalleryInOneBlobFolder_OneListingThenVersionedAndBoundToTheBlob()
    {
        // Arrange
        await using var store = await AzuriteBlobStore.StartAsync();
        await Parallel.ForEachAsync(Enumerable.Range(0, GallerySize), TestContext.Current.CancellationToken, async (i, _) => await store.UploadAsync(Photo(i), "photo " + i.ToString(CultureInfo.InvariantCulture)));
        using var services = Services(store, new FakeTimeProvider(DateTimeOffset.UtcNow));
        var signer = services.GetRequiredService<IMediaUrlSigner>();
        var versions = (MediaFileVersionProvider)services.GetRequiredService<IMediaFileVersionProvider>();

        // Act: a cold render, then the next one.
        var cold = Enumerable.Range(0, GallerySize).Select(i => signer.SignPath(Photo(i))!).ToList();
        await versions.WhenBackgroundIdle();
        var warm = Enumerable.Range(0, GallerySize).Select(i => signer.SignPath(Photo(i))!).ToList();
        var blob = (await store.Container.GetBlobClient(Photo(7)).GetPropertiesAsync(cancellationToken: TestContext.Current.CancellationToken)).Value;

        // Assert: one listing for the folder; the warm link of photo 7 binds the blob's own time and length.
        Assert.Equal((0, 1), (store.FileCalls, store.ListCalls));
        Assert.All(cold, url => Assert.Equal(4, Token(url).Split('.').Length));
        Assert.All(warm, url => Assert.Equal(3, Token(url).Split('.').Length));
        Assert.True(TokenText.TryParse(Token(warm[7]), out var token));
        var version = new MediaFileVersion(blob.LastModified, blob.ContentLength);
        Assert.Equal(TokenFailure.None, TokenVerifier.CheckMedia(services.GetRequiredService<IKeyRingProvider>().GetKeyRing().Active, Photo(7), version, token));
    }

    [Theory]
    [InlineData(-1, nameof(TokenFailure.ChangedSinceIssued))]
    [InlineData(0, nameof(TokenFailure.None))]
    [InlineData(1, nameof(TokenFailure.None))]
    public async Task IssuedAtLink_AgainstTheBlobsWriteTime_ValidOnlyIfMadeAtOrAfterIt(int secondsAfterWrite, string expected)
    {
        // Arrange: the blob's write time as the store reports it (whole seconds).
        await using var store = await AzuriteBlobStore.StartAsync();
        await store.UploadAsync("docs/report.pdf", "report");
        using var services = Services(store, TimeProvider.System);
        var version = await services.GetRequiredService<IMediaFileVersionProvider>().GetVersionAsync("docs/report.pdf", TestContext.Current.CancellationToken);
        var written = (await store.Container.GetBlobClient("docs/report.pdf").GetPropertiesAsync(cancellationToken: TestContext.Current.CancellationToken)).Value.LastModified.ToUnixTimeSeconds();
        var key = services.GetRequiredService<IKeyRingProvider>().GetKeyRing().Active;

        // Act: a link made before the version was known, a second before, at or a second after the write.
        var issuedAt = written + secondsAfterWrite;
        Assert.True(TokenText.TryParse(TokenSigner.SignIssuedAt(key, "docs/report.pdf", issuedAt, issuedAt + 3600), out var token));

        // Assert
        Assert.Equal(Enum.Parse<TokenFailure>(expected), TokenVerifier.CheckMedia(key, "docs/report.pdf", version, token));
    }

    private static string Photo(int i) => string.Create(CultureInfo.InvariantCulture, $"gallery/photo-{i:D3}.jpg");

    private static string Token(string url) => QueryHelpers.ParseQuery(new Uri(new Uri("http://x/"), url).Query)["tt"].ToString();

    private static ServiceProvider Services(AzuriteBlobStore store, TimeProvider time)
    {
        var services = new ServiceCollection();
        services.AddSingleton(time);
        services.AddSingleton<IKeyRingProvider>(new StaticKeyRingProvider(KeyRing.Create(time)));
        services.AddSingleton<IMediaFileInfoSource>(store);
        services.AddTimeTokenMedia();
        return services.BuildServiceProvider();
    }
}
