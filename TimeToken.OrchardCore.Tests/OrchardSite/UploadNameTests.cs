using System.Net;
using Microsoft.Extensions.DependencyInjection;
using OrchardCore.Media;
using TimeToken.OrchardCore.Uploads;
using TimeToken.Tests.TestSupport;

namespace TimeToken.Tests.OrchardSite;

/// <summary>
/// Stored means servable, in the real site: every name of the upload name suite goes through a media library slot.
/// Each stored file is downloaded through its signed link (Orchard's file provider hides dot-prefixed names, so a
/// stored <c>.report.pdf</c> answered 404 before); each refused name gets 400 and the slot still takes a good name.
/// </summary>
[Collection(SharedOrchardSite.Name)]
public sealed class UploadNameTests
{
    private const string Folder = "name-suite";

    private readonly OrchardSiteHost _site;

    public UploadNameTests(OrchardSiteFixture fixture)
    {
        _site = fixture.Site;
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Upload_EveryAcceptedName_StoredAndServedThroughItsSignedLink()
    {
        foreach (var (nameClass, name, stored) in UploadNames.Accepted)
        {
            // Arrange
            var bytes = System.Text.Encoding.UTF8.GetBytes("%PDF-1.4 " + nameClass);
            var url = await CreateSlotAsync();

            // Act
            using var upload = await UploadSlotCalls.PostFileAsync(_site, url, name, bytes);
            var path = System.Text.Json.JsonDocument.Parse(await upload.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("path").GetString()!;
            var link = await _site.InTenantAsync("Default", services => Task.FromResult(services.GetRequiredService<IMediaFileStore>().MapPathToPublicUrl(path)));
            using var client = _site.CreateAnonymousClient();
            using var download = await client.GetAsync(link, Ct);

            // Assert
            Assert.True(HttpStatusCode.Created == upload.StatusCode, nameClass);
            Assert.Equal(Folder + "/" + stored, path);
            Assert.True(HttpStatusCode.OK == download.StatusCode, $"{nameClass}: {link} answered {(int)download.StatusCode}");
            Assert.Equal(bytes, await download.Content.ReadAsByteArrayAsync(Ct));
        }

        Assert.Empty(_site.Problems);
    }

    [Fact]
    public async Task Upload_EveryRefusedName_400NothingStoredAndTheSlotTakesAGoodName()
    {
        foreach (var (nameClass, name) in UploadNames.Refused)
        {
            // Arrange
            var url = await CreateSlotAsync();
            var good = "good-after-" + Guid.NewGuid().ToString("N") + ".pdf";

            var filesBefore = CountFiles();

            // Act
            using var refused = await UploadSlotCalls.PostFileAsync(_site, url, name, [1, 2, 3]);
            var filesAfterRefusal = CountFiles();
            using var retry = await UploadSlotCalls.PostFileAsync(_site, url, good, [4, 5]);

            // Assert
            Assert.True(HttpStatusCode.BadRequest == refused.StatusCode, $"{nameClass}: {(int)refused.StatusCode}");
            Assert.Equal("The upload is malformed.", await refused.Content.ReadAsStringAsync(Ct));
            Assert.True(HttpStatusCode.Created == retry.StatusCode, nameClass);
            Assert.Equal([4, 5], await File.ReadAllBytesAsync(Path.Combine(_site.MediaRoot(), Folder, good), Ct));
            Assert.Equal(filesBefore, filesAfterRefusal);
            Assert.Equal(filesBefore + 1, CountFiles());
        }

        Assert.Empty(_site.Problems);
    }

    private int CountFiles()
    {
        var folder = Path.Combine(_site.MediaRoot(), Folder);
        return Directory.Exists(folder) ? Directory.GetFiles(folder, "*", SearchOption.AllDirectories).Length : 0;
    }

    private async Task<string> CreateSlotAsync() =>
        await _site.InTenantAsync("Default", async services =>
            (await services.GetRequiredService<MediaLibraryUploadSlots>().CreateAsync(Folder, cancellationToken: Ct)).Url);
}
