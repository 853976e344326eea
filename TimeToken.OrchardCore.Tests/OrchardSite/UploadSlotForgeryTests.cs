using System.Text.Json;

namespace TimeToken.Tests.OrchardSite;

/// <summary>
/// The slot mutations asked for in a signed-in administrator's name by another site: the login cookie is
/// <c>SameSite=Lax</c>, so a link (GET) carries it, and a form or script of another origin can POST with it. Neither
/// gets a slot: a mutation of ours runs only for a POST, and for a caller signed in by cookie only with Orchard's
/// antiforgery token, which another site cannot read. A page of the site, which can, still gets its slot.
/// </summary>
[Collection(SharedOrchardSite.Name)]
public sealed class UploadSlotForgeryTests
{
    private const string Mutation = "mutation { createMediaUploadSlot(folder: \"forged\") { url } }";

    private readonly OrchardSiteHost _site;

    public UploadSlotForgeryTests(OrchardSiteFixture fixture)
    {
        _site = fixture.Site;
    }

    [Fact]
    public async Task GraphQLMutation_AdminByCookieOverGet_ForbiddenAndNoSlot()
    {
        // Arrange
        await using var admin = await AdminBrowser.LogInAsync(_site, "/");

        // Act: what a link on another site makes the browser send.
        var answer = await admin.Context.APIRequest.GetAsync("/api/graphql?query=" + Uri.EscapeDataString(Mutation));
        var text = await answer.TextAsync();

        // Assert
        AssertForbidden(answer.Status, text);
    }

    [Fact]
    public async Task GraphQLMutation_AdminByCookiePostWithoutAntiforgeryToken_ForbiddenAndNoSlot()
    {
        // Arrange
        await using var admin = await AdminBrowser.LogInAsync(_site, "/");

        // Act: what a form or script of another origin can send with the cookie.
        var answer = await admin.Context.APIRequest.PostAsync("/api/graphql", new() { DataObject = new { query = Mutation } });

        // Assert
        AssertForbidden(answer.Status, await answer.TextAsync());
    }

    [Fact]
    public async Task GraphQLMutation_AdminByCookieFromAPageOfTheSite_SlotHandedOut()
    {
        // Arrange: an admin page, and the script the README gives for trying the mutation from the browser's console.
        await using var admin = await AdminBrowser.LogInAsync(_site, "/");
        await admin.Page.GotoAsync("/Admin");
        const string Script = """
            async query => {
              const token = document.querySelector("input[name='__RequestVerificationToken']").value;
              const response = await fetch("/api/graphql", {
                method: "POST",
                headers: { "Content-Type": "application/json", "RequestVerificationToken": token },
                body: JSON.stringify({ query }),
              });
              return { status: response.status, text: await response.text() };
            }
            """;

        // Act
        var result = await admin.Page.EvaluateAsync<JsonElement>(Script, "mutation { createMediaUploadSlot(folder: \"from-the-console\") { url } }");
        var json = JsonDocument.Parse(result.GetProperty("text").GetString()!).RootElement;

        // Assert
        Assert.Equal(200, result.GetProperty("status").GetInt32());
        Assert.False(json.TryGetProperty("errors", out _), json.ToString());
        Assert.StartsWith("/timetoken/upload/", json.GetProperty("data").GetProperty("createMediaUploadSlot").GetProperty("url").GetString(), StringComparison.Ordinal);
    }

    private static void AssertForbidden(int status, string text)
    {
        var json = JsonDocument.Parse(text).RootElement;
        var error = Assert.Single(json.GetProperty("errors").EnumerateArray());
        Assert.Equal(400, status);
        Assert.Equal("FORBIDDEN", error.GetProperty("extensions").GetProperty("code").GetString());
        Assert.Equal(JsonValueKind.Null, json.GetProperty("data").GetProperty("createMediaUploadSlot").ValueKind);
        Assert.DoesNotContain("timetoken/upload", text, StringComparison.Ordinal);
    }
}
