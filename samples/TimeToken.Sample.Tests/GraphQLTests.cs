using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using TimeToken.Core.Uploads;

namespace TimeToken.Sample.Tests;

/// <summary>The sample's <c>POST /graphql</c> endpoint and its <c>createMediaUploadSlot</c> mutation, over HTTP.</summary>
public sealed class GraphQLTests
{
    private const string SlotFields = "{ url expiresAt maxBytes allowedExtensions }";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CreateMediaUploadSlot_WithValidArguments_GivesASlotThatStoresTheFileInTheFolder()
    {
        await using var sample = await RunningSample.StartAsync("--TimeToken:Uploads:AllowedExtensions=.txt,.png");
        var before = DateTimeOffset.UtcNow;

        using var response = await PostGraphQLAsync(
            sample,
            "mutation ($folder: String!) { createMediaUploadSlot(folder: $folder, extensions: [\".txt\"], maxBytes: 1000, lifetimeSeconds: 300) " + SlotFields + " }",
            new { folder = "uploads/from-graphql" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.CacheControl?.NoStore);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel));
        Assert.False(json.RootElement.TryGetProperty("errors", out _), json.RootElement.GetRawText());
        var slot = json.RootElement.GetProperty("data").GetProperty("createMediaUploadSlot");
        var url = slot.GetProperty("url").GetString()!;
        Assert.Matches(@"^/timetoken/upload/[A-Za-z0-9_-]{22}/[A-Za-z0-9_-]+\.\d+\.[A-Za-z0-9_-]{43}$", url);
        // The asked 300 s, to the whole second.
        Assert.InRange(slot.GetProperty("expiresAt").GetDateTimeOffset(), before + TimeSpan.FromSeconds(299), before + TimeSpan.FromSeconds(302));
        Assert.Equal(1000, slot.GetProperty("maxBytes").GetInt64());
        Assert.Equal([".txt"], slot.GetProperty("allowedExtensions").EnumerateArray().Select(e => e.GetString()));

        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes("sent through a GraphQL slot"));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        form.Add(file, "file", "notes.txt");
        using var upload = await sample.Client.PostAsync(new Uri(url, UriKind.Relative), form, Cancel);

        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        using var saved = JsonDocument.Parse(await upload.Content.ReadAsStringAsync(Cancel));
        Assert.Equal("uploads/from-graphql/notes.txt", saved.RootElement.GetProperty("path").GetString());
        Assert.Equal("sent through a GraphQL slot", await File.ReadAllTextAsync(Path.Combine(sample.MediaRoot, "uploads", "from-graphql", "notes.txt"), Cancel));
        var links = await SampleLinks.ReadAsync(sample.Client);
        Assert.Equal("sent through a GraphQL slot", await sample.Client.GetStringAsync(new Uri(links.Single("signed", "uploads/from-graphql/notes.txt").Href, UriKind.Relative), Cancel));
    }

    [Theory]
    [InlineData("folder: \"../secrets\"", "folder")]
    [InlineData("folder: \"/etc/../..\"", "folder")]
    [InlineData("folder: \"uploads\\\\2026\"", "folder")]
    [InlineData("folder: \"uploads\", maxBytes: 0", "maxBytes")]
    [InlineData("folder: \"uploads\", lifetimeSeconds: -5", "lifetimeSeconds")]
    [InlineData("folder: \"uploads\", extensions: [\"exe\"]", "extensions")]
    [InlineData("folder: \"uploads\", extensions: []", "extensions")]
    [InlineData("folder: \"uploads\", extensions: [\".exe\"]", "extensions")]
    public async Task CreateMediaUploadSlot_WithAnInvalidArgument_AnswersAnErrorNamingIt_AndCreatesNoSlot(string arguments, string argument)
    {
        await using var sample = await RunningSample.StartAsync();

        using var response = await PostGraphQLAsync(sample, "mutation { createMediaUploadSlot(" + arguments + ") " + SlotFields + " }");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel));
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("data").GetProperty("createMediaUploadSlot").ValueKind);
        var error = Assert.Single(json.RootElement.GetProperty("errors").EnumerateArray());
        Assert.StartsWith(argument + ": ", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(SampleMutationType.InvalidArgumentCode, error.GetProperty("extensions").GetProperty("code").GetString());
        Assert.Equal(argument, error.GetProperty("extensions").GetProperty("field").GetString());
        Assert.Equal(0, SlotCount(sample));
    }

    [Fact]
    public async Task GraphQL_WithoutJsonOrAQuery_IsRefused_AndCreatesNoSlot()
    {
        await using var sample = await RunningSample.StartAsync();

        using (var form = new FormUrlEncodedContent([new("query", "mutation { createMediaUploadSlot(folder: \"uploads\") { url } }")]))
        using (var response = await sample.Client.PostAsync(new Uri("/graphql", UriKind.Relative), form, Cancel))
        {
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        }

        using (var empty = await PostGraphQLAsync(sample, ""))
        {
            Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        }

        using (var unknown = await PostGraphQLAsync(sample, "mutation { createMediaUploadSlot { url } }"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
            Assert.Contains("folder", await unknown.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        }

        using (var query = await PostGraphQLAsync(sample, "{ uploadSlotsEnabled }"))
        {
            Assert.Equal("{\"data\":{\"uploadSlotsEnabled\":true}}", await query.Content.ReadAsStringAsync(Cancel));
        }

        Assert.Equal(0, SlotCount(sample));
    }

    private static int SlotCount(RunningSample sample) =>
        Assert.IsType<MemoryUploadSlotStore>(sample.Services.GetRequiredService<IUploadSlotStore>()).Count;

    private static async Task<HttpResponseMessage> PostGraphQLAsync(RunningSample sample, string query, object? variables = null)
    {
        using var body = new StringContent(JsonSerializer.Serialize(new { query, variables }), Encoding.UTF8, "application/json");
        return await sample.Client.PostAsync(new Uri("/graphql", UriKind.Relative), body, Cancel);
    }
}
