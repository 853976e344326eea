using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OrchardCore.ContentManagement;
using OrchardCore.ContentManagement.Records;
using OrchardCore.Media;
using YesSql;

namespace TimeToken.Tests.OrchardSite;

/// <summary>
/// The README's headless guide, run over HTTP against Orchard's own OpenID server: a client-credentials token, the
/// slot mutations with variables and the bearer token (no cookie, no antiforgery token), the upload as
/// <c>multipart/form-data</c> (what <c>fetch</c> sends for a <c>FormData</c>), the download through the signed link,
/// and the audit log naming the application by its client id. Each permission of the smallest set is needed.
/// </summary>
public sealed class HeadlessClientTests : IClassFixture<HeadlessSiteFixture>
{
    private const string MediaMutation = "mutation Slot($folder: String!, $extensions: [String!]) { createMediaUploadSlot(folder: $folder, extensions: $extensions) { url expiresAt maxBytes allowedExtensions } }";
    private const string ContentMutation = "mutation Slot($id: ID!, $field: String!) { createContentMediaUploadSlot(contentItemId: $id, field: $field) { url } }";

    private static readonly string[] s_pdf = [".pdf"];

    private readonly HeadlessSiteFixture _fixture;
    private readonly OrchardSiteHost _site;

    public HeadlessClientTests(HeadlessSiteFixture fixture)
    {
        _fixture = fixture;
        _site = fixture.Site;
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task BearerToken_ClientCredentials_SlotUploadAndSignedDownload()
    {
        // Arrange
        var token = await TokenAsync(HeadlessSiteFixture.ClientId);
        var bytes = Encoding.UTF8.GetBytes("%PDF-1.4 from a headless client");
        var before = _fixture.Audit.Count;

        // Act
        var (status, json) = await GraphQLAsync(token, MediaMutation, new { folder = "headless", extensions = s_pdf });
        var url = json.GetProperty("data").GetProperty("createMediaUploadSlot").GetProperty("url").GetString()!;
        using var upload = await UploadFormDataAsync(url, "invoice.pdf", bytes);
        var path = JsonDocument.Parse(await upload.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("path").GetString()!;
        var link = await _site.InTenantAsync("Default", services => Task.FromResult(services.GetRequiredService<IMediaFileStore>().MapPathToPublicUrl(path)));
        using var client = _site.CreateAnonymousClient();
        using var download = await client.GetAsync(link, Ct);
        using var unsigned = await client.GetAsync("/media/" + path, Ct);

        // Assert
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.False(json.TryGetProperty("errors", out _), json.ToString());
        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        Assert.Equal("headless/invoice.pdf", path);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(bytes, await download.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal(HttpStatusCode.NotFound, unsigned.StatusCode);
        // Only this test's lines: the other tests of the class share the site and may hand out slots into the same folder.
        var handedOut = Assert.Single(_fixture.Audit.Skip(before), a => a.StartsWith("1310 ", StringComparison.Ordinal) && a.Contains("folder headless", StringComparison.Ordinal));
        Assert.Contains("to application 'upload-client'", handedOut, StringComparison.Ordinal);
        Assert.DoesNotContain("Upload client", handedOut, StringComparison.Ordinal);
        Assert.Empty(_site.Problems);
    }

    [Fact]
    public async Task BearerToken_ContentSlot_FileOnTheDraftOfTheItem()
    {
        // Arrange
        var token = await TokenAsync(HeadlessSiteFixture.ClientId);
        var pageId = await DemoPageIdAsync();

        // Act
        var (status, json) = await GraphQLAsync(token, ContentMutation, new { id = pageId, field = "Attachments" });
        var url = json.GetProperty("data").GetProperty("createContentMediaUploadSlot").GetProperty("url").GetString()!;
        using var upload = await UploadFormDataAsync(url, "headless.pdf", Encoding.UTF8.GetBytes("%PDF-1.4 attached"));
        var result = JsonDocument.Parse(await upload.Content.ReadAsStringAsync(Ct)).RootElement;

        // Assert
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        Assert.Equal($"mediafields/DemoPage/{pageId}/headless.pdf", result.GetProperty("path").GetString());
        Assert.True(result.GetProperty("draft").GetBoolean());
    }

    [Fact]
    public async Task BearerToken_InvalidArgument_Http400WithCodeAndNoSlotLogged()
    {
        // Arrange
        var token = await TokenAsync(HeadlessSiteFixture.ClientId);

        // Act
        var (status, json) = await GraphQLAsync(token, MediaMutation, new { folder = ".hidden", extensions = s_pdf });

        // Assert
        var error = Assert.Single(json.GetProperty("errors").EnumerateArray());
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("INVALID_ARGUMENT", error.GetProperty("extensions").GetProperty("code").GetString());
        Assert.Equal("folder", error.GetProperty("extensions").GetProperty("field").GetString());
        Assert.Contains(_fixture.Audit, a => a.StartsWith("1311 ", StringComparison.Ordinal) && a.Contains("application 'upload-client'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task JsonApi_RefusedBeforeTheBodyIsRead_EachLoggedWith1311()
    {
        // Arrange: an application without 'Create upload slots', an anonymous caller, the admin's cookie without the
        // antiforgery token; each asks for a folder of its own, so its audit line is found by nothing else.
        var token = await TokenAsync(HeadlessSiteFixture.ClientIdWithout("CreateUploadSlots"));
        await using var admin = await AdminBrowser.LogInAsync(_site, "/");
        using var client = _site.CreateAnonymousClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/timetoken/upload-slots")
        {
            Content = new StringContent("""{"folder":"json-app"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var before = _fixture.Audit.Count;

        // Act
        using var application = await client.SendAsync(request, Ct);
        using var anonymous = await client.PostAsync("/api/timetoken/upload-slots", new StringContent("""{"folder":"json-anon"}""", Encoding.UTF8, "application/json"), Ct);
        var cookie = await admin.Context.APIRequest.PostAsync("/api/timetoken/upload-slots", new() { DataObject = new { folder = "json-cookie" } });

        // Assert
        var logged = _fixture.Audit.Skip(before).ToList();
        Assert.Equal(HttpStatusCode.Forbidden, application.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(400, cookie.Status);
        Assert.Equal(3, logged.Count(a => a.StartsWith("1311 Upload slot refused through JSON API", StringComparison.Ordinal)));
        Assert.Contains(logged, a => a.Contains("to application 'upload-client-without-createuploadslots': The permission 'Create upload slots' is required.", StringComparison.Ordinal));
        Assert.Contains(logged, a => a.Contains("to anonymous: The permission 'Create upload slots' is required.", StringComparison.Ordinal));
        Assert.Contains(logged, a => a.Contains("to user '", StringComparison.Ordinal) && a.Contains("antiforgery token", StringComparison.Ordinal));
        Assert.DoesNotContain(logged, a => a.StartsWith("1310 ", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("ExecuteGraphQLMutations", 403, null, 403, null)]
    [InlineData("CreateUploadSlots", 401, null, 401, null)]
    [InlineData("ManageAttachedMediaFieldsFolder", 400, "FORBIDDEN", 400, "FORBIDDEN")]
    [InlineData("EditContent", 200, null, 400, "FORBIDDEN")]
    public async Task BearerToken_OnePermissionOfTheSmallestSetMissing_Refused(string missing, int mediaStatus, string? mediaCode, int contentStatus, string? contentCode)
    {
        // Arrange
        var token = await TokenAsync(HeadlessSiteFixture.ClientIdWithout(missing));
        var pageId = await DemoPageIdAsync();

        // Act
        var (mediaAnswer, media) = await GraphQLAsync(token, MediaMutation, new { folder = "headless-" + missing.ToLowerInvariant(), extensions = s_pdf });
        var (contentAnswer, content) = await GraphQLAsync(token, ContentMutation, new { id = pageId, field = "Attachments" });

        // Assert: Orchard refuses before any code of ours runs: its endpoint without ExecuteGraphQL (implied by
        // ExecuteGraphQLMutations) answers 403, its validation of the field's permission 401; ours answer 400 with
        // the code FORBIDDEN.
        Assert.Equal(mediaStatus, (int)mediaAnswer);
        Assert.Equal(contentStatus, (int)contentAnswer);
        if (mediaStatus is not (401 or 403))
        {
            Assert.Equal(mediaCode, Code(media));
        }

        if (contentStatus is not (401 or 403))
        {
            Assert.Equal(contentCode, Code(content));
        }

        Assert.DoesNotContain("timetoken/upload", content.ToString(), StringComparison.Ordinal);
    }

    private static string? Code(JsonElement json) =>
        json.ValueKind == JsonValueKind.Object && json.TryGetProperty("errors", out var errors) && errors[0].TryGetProperty("extensions", out var extensions)
            && extensions.TryGetProperty("code", out var code) ? code.GetString() : null;

    private async Task<string> DemoPageIdAsync() =>
        await _site.InTenantAsync("Default", async services =>
            (await services.GetRequiredService<ISession>().Query<ContentItem, ContentItemIndex>(x => x.ContentType == "DemoPage" && x.Published).FirstOrDefaultAsync())!.ContentItemId);

    // POST /connect/token, grant_type=client_credentials: the README's curl call.
    private async Task<string> TokenAsync(string clientId)
    {
        using var client = _site.CreateAnonymousClient();
        using var body = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = clientId,
            ["client_secret"] = HeadlessSiteFixture.ClientSecret,
        });
        using var answer = await client.PostAsync("/connect/token", body, Ct);
        var text = await answer.Content.ReadAsStringAsync(Ct);
        Assert.True(answer.StatusCode == HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement.GetProperty("access_token").GetString()!;
    }

    private async Task<(HttpStatusCode Status, JsonElement Json)> GraphQLAsync(string token, string query, object variables)
    {
        using var client = _site.CreateAnonymousClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/graphql")
        {
            Content = new StringContent(JsonSerializer.Serialize(new { query, variables }), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var answer = await client.SendAsync(request, Ct);
        var text = await answer.Content.ReadAsStringAsync(Ct);
        var json = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        return (answer.StatusCode, json);
    }

    private async Task<HttpResponseMessage> UploadFormDataAsync(string url, string fileName, byte[] bytes)
    {
        using var client = _site.CreateAnonymousClient();
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(file, "file", fileName);
        return await client.PostAsync(url, form, Ct);
    }
}
