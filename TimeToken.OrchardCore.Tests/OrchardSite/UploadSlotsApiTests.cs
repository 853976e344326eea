using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using OrchardCore.ContentManagement;
using OrchardCore.ContentManagement.Records;
using OrchardCore.Media.Fields;
using OrchardCore.Users;
using OrchardCore.Users.Models;
using TimeToken.Tests.TestSupport;
using YesSql;

namespace TimeToken.Tests.OrchardSite;

/// <summary>
/// Upload slots asked for by GraphQL and JSON API clients in the real site (feature
/// <c>TimeToken.OrchardCore.UploadSlots.Api</c> and Orchard's <c>OrchardCore.Apis.GraphQL</c>, both on in the demo recipe):
/// the administrator signed in by cookie gets a slot, uploads through it, and finds the file in the media library or
/// on the content item; anonymous callers and users without the permission get none.
/// </summary>
[Collection(SharedOrchardSite.Name)]
public sealed class UploadSlotsApiTests
{
    private const string EditorName = "editor-no-slots";
    private const string EditorPassword = "Editor-Demo-1";

    private static readonly string[] s_png = [".png"];

    private readonly OrchardSiteHost _site;

    public UploadSlotsApiTests(OrchardSiteFixture fixture)
    {
        _site = fixture.Site;
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Png => Path.Combine(RepositoryPaths.Root, "samples", "TimeToken.OrchardCore.Site", "Recipes", "media", "public", "logo.png");

    [Fact]
    public async Task GraphQLMutation_AdminByCookie_SlotUploadsIntoTheMediaLibrary()
    {
        // Arrange
        await using var admin = await AdminBrowser.LogInAsync(_site, "/");
        const string Mutation = "mutation { createMediaUploadSlot(folder: \"api-uploads\", extensions: [\".png\"], maxBytes: 100000, lifetimeSeconds: 300) { url expiresAt maxBytes allowedExtensions } }";
        var token = await AntiforgeryTokenAsync(admin);

        // Act: the mutation through Orchard's GraphQL endpoint, with the browser's login cookie and antiforgery token.
        var answer = await admin.Context.APIRequest.PostAsync("/api/graphql", new()
        {
            DataObject = new { query = Mutation },
            Headers = new Dictionary<string, string> { ["RequestVerificationToken"] = token },
        });
        var json = JsonDocument.Parse(await answer.TextAsync()).RootElement;
        var slot = json.GetProperty("data").GetProperty("createMediaUploadSlot");
        var url = slot.GetProperty("url").GetString()!;
        using var upload = await PostFileAsync(url, "from-graphql.png");
        var uploaded = await upload.Content.ReadAsStringAsync(Ct);

        await admin.Page.GotoAsync("/Admin/Media");
        await admin.Page.GetByText("api-uploads", new() { Exact = true }).First.ClickAsync();
        var listed = admin.Page.Locator("img[src*='/media/api-uploads/from-graphql.png']").First;
        await listed.WaitForAsync();
        await admin.ScreenshotAsync("orchard-graphql-upload-slot");

        // Assert
        Assert.Equal(200, answer.Status);
        Assert.False(json.TryGetProperty("errors", out _), json.ToString());
        Assert.StartsWith("/timetoken/upload/", url, StringComparison.Ordinal);
        Assert.Equal(100000, slot.GetProperty("maxBytes").GetInt64());
        Assert.Equal([".png"], slot.GetProperty("allowedExtensions").EnumerateArray().Select(e => e.GetString()));
        Assert.True(slot.GetProperty("expiresAt").GetDateTimeOffset() > _site.Time.GetUtcNow());
        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        Assert.Contains("\"path\":\"api-uploads/from-graphql.png\"", uploaded, StringComparison.Ordinal);
        Assert.Equal(await File.ReadAllBytesAsync(Png, Ct), await File.ReadAllBytesAsync(Path.Combine(_site.MediaRoot(), "api-uploads", "from-graphql.png"), Ct));
        Assert.Empty(_site.Problems);
    }

    [Fact]
    public async Task GraphQLMutation_Anonymous_RefusedWithoutSlot()
    {
        // Arrange
        using var client = _site.CreateAnonymousClient();
        using var body = new StringContent("""{"query":"mutation { createMediaUploadSlot(folder: \"anon\") { url } }"}""", Encoding.UTF8, "application/json");

        // Act
        using var answer = await client.PostAsync("/api/graphql", body, Ct);
        var text = await answer.Content.ReadAsStringAsync(Ct);

        // Assert: Orchard's GraphQL endpoint challenges (no ExecuteGraphQL for Anonymous); no slot URL anywhere.
        Assert.Equal(HttpStatusCode.Unauthorized, answer.StatusCode);
        Assert.DoesNotContain("timetoken/upload", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task JsonApi_AdminByCookieWithAntiforgeryToken_201AndUploadStored()
    {
        // Arrange
        await using var admin = await AdminBrowser.LogInAsync(_site, "/");
        var token = await AntiforgeryTokenAsync(admin);

        // Act
        var withoutToken = await admin.Context.APIRequest.PostAsync("/api/timetoken/upload-slots", new() { DataObject = new { folder = "api-uploads" } });
        var invalid = await admin.Context.APIRequest.PostAsync("/api/timetoken/upload-slots", new()
        {
            DataObject = new { folder = "../outside" },
            Headers = new Dictionary<string, string> { ["RequestVerificationToken"] = token },
        });
        var invalidJson = JsonDocument.Parse(await invalid.TextAsync()).RootElement;
        var created = await admin.Context.APIRequest.PostAsync("/api/timetoken/upload-slots", new()
        {
            DataObject = new { folder = "api-uploads/json", extensions = s_png, lifetimeSeconds = 120 },
            Headers = new Dictionary<string, string> { ["RequestVerificationToken"] = token },
        });
        var slot = JsonDocument.Parse(await created.TextAsync()).RootElement;
        using var upload = await PostFileAsync(slot.GetProperty("url").GetString()!, "from-json.png");
        using var again = await PostFileAsync(slot.GetProperty("url").GetString()!, "again.png");

        // Assert
        Assert.Equal(400, withoutToken.Status);
        Assert.Equal(400, invalid.Status);
        Assert.True(invalidJson.GetProperty("errors").TryGetProperty("folder", out _), invalidJson.ToString());
        Assert.Equal(201, created.Status);
        Assert.Equal([".png"], slot.GetProperty("allowedExtensions").EnumerateArray().Select(e => e.GetString()));
        Assert.True(slot.GetProperty("maxBytes").GetInt64() > 0);
        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.True(File.Exists(Path.Combine(_site.MediaRoot(), "api-uploads", "json", "from-json.png")));
        Assert.Empty(_site.Problems);
    }

    [Fact]
    public async Task JsonApi_AnonymousOrWithoutPermission_401Or403AndNoSlot()
    {
        // Arrange: an Editor (may manage media and edit content) without 'Create upload slots'.
        await _site.InTenantAsync("Default", async services =>
        {
            var users = services.GetRequiredService<UserManager<IUser>>();
            if (await users.FindByNameAsync(EditorName) is null)
            {
                var result = await users.CreateAsync(new User { UserName = EditorName, Email = "editor@example.com", EmailConfirmed = true, IsEnabled = true, RoleNames = ["Editor"] }, EditorPassword);
                Assert.True(result.Succeeded, string.Join(", ", result.Errors.Select(e => e.Description)));
            }

            return true;
        });
        using var client = _site.CreateAnonymousClient();
        using var body = new StringContent("""{"folder":"api-uploads"}""", Encoding.UTF8, "application/json");
        await using var editor = await AdminBrowser.LogInAsync(_site, "/", EditorName, EditorPassword);

        // Act
        using var anonymous = await client.PostAsync("/api/timetoken/upload-slots", body, Ct);
        var refused = await editor.Context.APIRequest.PostAsync("/api/timetoken/upload-slots", new() { DataObject = new { folder = "api-uploads" } });
        var refusedText = await refused.TextAsync();

        // Assert
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(403, refused.Status);
        Assert.DoesNotContain("timetoken/upload", refusedText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ContentSlot_AdminByGraphQL_FileAppendedToTheDemoPageDraft()
    {
        // Arrange
        var demoPageId = await _site.InTenantAsync("Default", async services =>
            (await services.GetRequiredService<ISession>().Query<ContentItem, ContentItemIndex>(x => x.ContentType == "DemoPage" && x.Published).FirstOrDefaultAsync())!.ContentItemId);
        await using var admin = await AdminBrowser.LogInAsync(_site, "/");
        var mutation = $"mutation {{ createContentMediaUploadSlot(contentItemId: \"{demoPageId}\", field: \"Attachments\") {{ url }} }}";
        var token = await AntiforgeryTokenAsync(admin);

        // Act
        var answer = await admin.Context.APIRequest.PostAsync("/api/graphql", new()
        {
            DataObject = new { query = mutation },
            Headers = new Dictionary<string, string> { ["RequestVerificationToken"] = token },
        });
        var json = JsonDocument.Parse(await answer.TextAsync()).RootElement;
        var url = json.GetProperty("data").GetProperty("createContentMediaUploadSlot").GetProperty("url").GetString()!;
        using var upload = await PostFileAsync(url, "attached.png");
        var result = JsonDocument.Parse(await upload.Content.ReadAsStringAsync(Ct)).RootElement;
        var (latest, published) = await _site.InTenantAsync("Default", async services =>
        {
            var contentManager = services.GetRequiredService<IContentManager>();
            var latestItem = await contentManager.GetAsync(demoPageId, VersionOptions.Latest);
            var publishedItem = await contentManager.GetAsync(demoPageId, VersionOptions.Published);
            return (Paths(latestItem), Paths(publishedItem));
        });
        await admin.Page.GotoAsync($"/Admin/Contents/ContentItems/{demoPageId}/Edit");
        var shown = admin.Page.Locator("img[src*='attached.png']").First;
        await shown.WaitForAsync();
        await admin.ScreenshotAsync("orchard-content-upload-slot");

        // Assert: stored under Orchard's folder of attached media; the draft has it, the published version not yet.
        var expectedPath = $"mediafields/DemoPage/{demoPageId}/attached.png";
        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        Assert.Equal(expectedPath, result.GetProperty("path").GetString());
        Assert.True(result.GetProperty("draft").GetBoolean());
        Assert.False(result.GetProperty("published").GetBoolean());
        Assert.Equal(["photos/harbour.png", "docs/report.pdf", expectedPath], latest);
        Assert.Equal(["photos/harbour.png", "docs/report.pdf"], published);
        Assert.True(File.Exists(Path.Combine(_site.MediaRoot(), "mediafields", "DemoPage", demoPageId, "attached.png")));
        Assert.Empty(_site.Problems);
    }

    [Fact]
    public async Task JsonApi_ContentSlotForUnknownItemOrField_404Or400NamingTheField()
    {
        // Arrange
        var demoPageId = await _site.InTenantAsync("Default", async services =>
            (await services.GetRequiredService<ISession>().Query<ContentItem, ContentItemIndex>(x => x.ContentType == "DemoPage" && x.Published).FirstOrDefaultAsync())!.ContentItemId);
        await using var admin = await AdminBrowser.LogInAsync(_site, "/");
        var token = await AntiforgeryTokenAsync(admin);
        var headers = new Dictionary<string, string> { ["RequestVerificationToken"] = token };

        // Act
        var unknownItem = await admin.Context.APIRequest.PostAsync("/api/timetoken/upload-slots/content", new()
        {
            DataObject = new { contentItemId = "no-such-item", field = "Attachments" },
            Headers = headers,
        });
        var unknownField = await admin.Context.APIRequest.PostAsync("/api/timetoken/upload-slots/content", new()
        {
            DataObject = new { contentItemId = demoPageId, field = "NoSuchField" },
            Headers = headers,
        });
        var unknownFieldJson = JsonDocument.Parse(await unknownField.TextAsync()).RootElement;
        var missingField = await admin.Context.APIRequest.PostAsync("/api/timetoken/upload-slots/content", new()
        {
            DataObject = new { contentItemId = demoPageId },
            Headers = headers,
        });
        var missingFieldJson = JsonDocument.Parse(await missingField.TextAsync()).RootElement;

        // Assert
        Assert.Equal(404, unknownItem.Status);
        Assert.Equal(400, unknownField.Status);
        Assert.True(unknownFieldJson.GetProperty("errors").TryGetProperty("field", out _), unknownFieldJson.ToString());
        Assert.Equal(400, missingField.Status);
        Assert.True(missingFieldJson.GetProperty("errors").TryGetProperty("field", out _), missingFieldJson.ToString());
        Assert.Empty(_site.Problems);
    }

    [Fact]
    public async Task ContentSlot_ItemRemovedBeforeUpload_422AndNoFileLeft()
    {
        // Arrange: a page of its own, made in the admin as an editor does, a slot for it, then the page is removed.
        await using var admin = await AdminBrowser.LogInAsync(_site, "/");
        var title = "Removed before upload " + Guid.NewGuid().ToString("N");
        await admin.Page.GotoAsync("/Admin/Contents/ContentTypes/DemoPage/Create");
        await admin.Page.Locator("#TitlePart_Title").FillAsync(title);
        await admin.Page.Locator("button[name='submit.Publish']").First.ClickAsync();
        await admin.Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        var itemId = await _site.InTenantAsync("Default", async services =>
            (await services.GetRequiredService<ISession>().Query<ContentItem, ContentItemIndex>(x => x.DisplayText == title && x.Latest).FirstOrDefaultAsync())!.ContentItemId);
        var token = await AntiforgeryTokenAsync(admin);
        var created = await admin.Context.APIRequest.PostAsync("/api/timetoken/upload-slots/content", new()
        {
            DataObject = new { contentItemId = itemId, part = "DemoPage", field = "Attachments" },
            Headers = new Dictionary<string, string> { ["RequestVerificationToken"] = token },
        });
        var url = JsonDocument.Parse(await created.TextAsync()).RootElement.GetProperty("url").GetString()!;
        await _site.InTenantAsync("Default", async services =>
        {
            var contentManager = services.GetRequiredService<IContentManager>();
            return await contentManager.RemoveAsync((await contentManager.GetAsync(itemId, VersionOptions.Latest))!);
        });

        // Act
        using var upload = await PostFileAsync(url, "orphan.png");
        var text = await upload.Content.ReadAsStringAsync(Ct);

        // Assert
        Assert.Equal(201, created.Status);
        Assert.Equal((HttpStatusCode)422, upload.StatusCode);
        Assert.Equal("The content item of this upload slot no longer exists.", text);
        var folder = Path.Combine(_site.MediaRoot(), "mediafields", "DemoPage", itemId);
        Assert.False(Directory.Exists(folder) && Directory.EnumerateFiles(folder).Any());
    }

    private static string[] Paths(ContentItem? item) =>
        item?.Get<ContentPart>("DemoPage")?.Get<MediaField>("Attachments")?.Paths ?? [];

    private static Task<string> AntiforgeryTokenAsync(AdminBrowser browser) => UploadSlotCalls.AntiforgeryTokenAsync(browser);

    private async Task<HttpResponseMessage> PostFileAsync(string url, string fileName) =>
        await UploadSlotCalls.PostFileAsync(_site, url, fileName, await File.ReadAllBytesAsync(Png, Ct), "image/png");
}
