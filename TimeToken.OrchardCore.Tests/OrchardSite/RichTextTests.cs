using System.Globalization;
using System.Net;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Dynamic;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using OrchardCore.ContentManagement;
using OrchardCore.ContentManagement.Records;
using OrchardCore.Contents.Deployment;
using OrchardCore.Deployment;
using OrchardCore.Deployment.Core.Services;
using OrchardCore.Deployment.Services;
using OrchardCore.DynamicCache;
using OrchardCore.Environment.Cache;
using OrchardCore.Liquid;
using OrchardCore.Media;
using OrchardCore.Recipes.Models;
using TimeToken.Tests.TestSupport;
using YesSql;

namespace TimeToken.Tests.OrchardSite;

/// <summary>
/// Protected media inside rich text, in the real site: HTML bodies saved through Orchard's content manager keep no
/// token, their links are signed when displayed (also after the inserted token expired), the recipe's rich text page
/// shows signed links, and a Liquid <c>{% cache %}</c> block with a protected link expires before the link.
/// </summary>
[Collection(SharedOrchardSite.Name)]
public sealed partial class RichTextTests
{
    private readonly OrchardSiteHost _site;

    public RichTextTests(OrchardSiteFixture fixture)
    {
        _site = fixture.Site;
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string RecipeFile(string path) => Path.Combine(RepositoryPaths.Root, "samples", "TimeToken.OrchardCore.Site", "Recipes", "media", path);

    private static long ExpiryOf(string url) =>
        long.Parse(Regex.Match(url, "[?&]tt=[^.]+\\.(\\d+)\\.").Groups[1].Value, CultureInfo.InvariantCulture);

    /// <summary>Runs <paramref name="action"/> in a scope of the Default tenant with a request of the site, as Orchard's content handlers expect.</summary>
    private Task<T> InRequestAsync<T>(Func<IServiceProvider, Task<T>> action) => _site.InTenantAsync("Default", async services =>
    {
        var accessor = services.GetRequiredService<IHttpContextAccessor>();
        var previous = accessor.HttpContext;
        var context = new DefaultHttpContext { RequestServices = services };
        context.Request.Scheme = _site.BaseAddress.Scheme;
        context.Request.Host = new HostString(_site.BaseAddress.Authority);
        context.Request.Path = "/";
        accessor.HttpContext = context;
        try
        {
            return await action(services);
        }
        finally
        {
            accessor.HttpContext = previous;
        }
    });

    /// <summary>Creates and publishes a rich text page through Orchard's content manager, as the admin editor does.</summary>
    /// <returns>The item's id.</returns>
    private Task<string> PublishRichTextPageAsync(string html, string? title = null, string? path = null) => InRequestAsync(async services =>
    {
        var contents = services.GetRequiredService<IContentManager>();
        var item = await contents.NewAsync("RichTextPage");
        JsonObject data = (JsonDynamicObject)item.Content;
        if (title is not null)
        {
            data["TitlePart"] = new JsonObject { ["Title"] = title };
            item.DisplayText = title;
        }

        if (path is not null)
        {
            data["AutoroutePart"] = new JsonObject { ["Path"] = path };
        }

        data["HtmlBodyPart"] = new JsonObject { ["Html"] = html };
        await contents.CreateAsync(item, VersionOptions.Published);
        return item.ContentItemId;
    });

    private Task<string> SignedUrlAsync(string path) => _site.InTenantAsync("Default", services =>
        Task.FromResult(services.GetRequiredService<IMediaFileStore>().MapPathToPublicUrl(path)));

    private Task<string> StoredJsonAsync(string contentItemId, VersionOptions version) => _site.InTenantAsync("Default", async services =>
    {
        var item = await services.GetRequiredService<IContentManager>().GetAsync(contentItemId, version);
        Assert.NotNull(item);
        return JConvert.SerializeObject(item);
    });

    // The URL of the element marked with an attribute (the HTML body's sanitizer keeps alt and title, not id).
    private static string AttributeOf(string html, string marker, string attribute)
    {
        var tag = Regex.Match(html, "<[a-z]+ [^>]*" + marker + "[^>]*>").Value;
        Assert.False(string.IsNullOrEmpty(tag), $"no element {marker} on the page: {html}");
        return WebUtility.HtmlDecode(Regex.Match(tag, attribute + "=\"([^\"]*)\"").Groups[1].Value);
    }

    [Fact]
    public async Task Publish_HtmlBodyWithInsertedTokens_StoredWithoutTokenAndServedAfterTheTokenExpired()
    {
        // Arrange: links as the media library hands them to the editor, pasted into an HTML body.
        var photo = await SignedUrlAsync("photos/harbour.png");
        var report = await SignedUrlAsync("docs/report.pdf");
        var slug = "rich-" + Guid.NewGuid().ToString("N")[..8];
        var html = $"<p><img src=\"{WebUtility.HtmlEncode(photo)}\" alt=\"Harbour\"></p>\n"
            + $"<p><a title=\"Report\" href=\"{WebUtility.HtmlEncode(report + "&download=1")}\">Report</a></p>\n"
            + $"<pre><code>{WebUtility.HtmlEncode(photo)}</code></pre>";

        // Act: create and publish through Orchard's content manager, as the admin editor does.
        var id = await PublishRichTextPageAsync(html, slug, slug);
        var stored = await StoredJsonAsync(id, VersionOptions.Published);

        // The first token expires; the page is displayed afterwards.
        var firstExpiry = DateTimeOffset.FromUnixTimeSeconds(Math.Min(ExpiryOf(photo), ExpiryOf(report)));
        _site.Time.Advance(firstExpiry - _site.Time.GetUtcNow() + TimeSpan.FromSeconds(1));
        using var client = _site.CreateAnonymousClient();
        using var page = await client.GetAsync("/" + slug, Ct);
        var pageHtml = await page.Content.ReadAsStringAsync(Ct);
        var shownPhoto = AttributeOf(pageHtml, "alt=\"Harbour\"", "src");
        var shownReport = AttributeOf(pageHtml, "title=\"Report\"", "href");
        using var photoResponse = await client.GetAsync(shownPhoto, Ct);
        using var reportResponse = await client.GetAsync(shownReport, Ct);
        using var insertedResponse = await client.GetAsync(photo, Ct);

        // Assert: no token stored (in the code sample's text neither), the rest of the body exactly as written.
        var storedHtml = (string?)JsonNode.Parse(stored)!["HtmlBodyPart"]!["Html"];
        Assert.DoesNotContain("tt=", stored, StringComparison.Ordinal);
        Assert.Equal(
            html.Replace(WebUtility.HtmlEncode(photo), "/media/photos/harbour.png", StringComparison.Ordinal)
                .Replace(WebUtility.HtmlEncode(report + "&download=1"), "/media/docs/report.pdf?download=1", StringComparison.Ordinal),
            storedHtml);

        // Displayed after the inserted token expired: fresh tokens, served; the inserted link itself is refused.
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.StartsWith("/media/photos/harbour.png?tt=", shownPhoto, StringComparison.Ordinal);
        Assert.StartsWith("/media/docs/report.pdf?download=1&tt=", shownReport, StringComparison.Ordinal);
        Assert.True(ExpiryOf(shownPhoto) > _site.Time.GetUtcNow().ToUnixTimeSeconds());
        Assert.Equal(HttpStatusCode.OK, photoResponse.StatusCode);
        Assert.Equal(await File.ReadAllBytesAsync(RecipeFile("photos/harbour.png"), Ct), await photoResponse.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal(HttpStatusCode.OK, reportResponse.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, insertedResponse.StatusCode);
        Assert.Contains("<pre><code>/media/photos/harbour.png</code></pre>", pageHtml, StringComparison.Ordinal);
        Assert.Empty(_site.Problems);
    }

    [Fact]
    public async Task Export_ContentStepOfItemWithInsertedTokens_CarriesNone()
    {
        // Arrange: an item published with a body holding links as the media library hands them to the editor.
        var photo = await SignedUrlAsync("photos/harbour.png");
        var marker = "export-" + Guid.NewGuid().ToString("N")[..8];
        var id = await PublishRichTextPageAsync($"<p><img src=\"{WebUtility.HtmlEncode(photo)}\" alt=\"{marker}\"></p>", marker);

        // Act: Orchard's own deployment plan with its content step, as an export from the admin runs it.
        var exported = await InRequestAsync(async services =>
        {
            var plan = new DeploymentPlan();
            plan.DeploymentSteps.Add(new ContentDeploymentStep { ContentTypes = ["RichTextPage"] });
            using var files = new TemporaryFileBuilder();
            var result = new DeploymentPlanResult(files, new RecipeDescriptor());
            await services.GetRequiredService<IDeploymentManager>().ExecuteDeploymentPlanAsync(plan, result);

            // The step's items; the recipe's own rich text page is there too.
            var item = result.Steps.SelectMany(step => step["data"]?.AsArray() ?? step["Data"]?.AsArray() ?? [])
                .Single(node => (string?)node?["ContentItemId"] == id);
            return item!.ToJsonString();
        });

        // Assert: the item is in the export, with its media link and without a token.
        Assert.Contains(marker, exported, StringComparison.Ordinal);
        Assert.Contains("/media/photos/harbour.png", exported, StringComparison.Ordinal);
        Assert.DoesNotContain("tt=", exported, StringComparison.Ordinal);
        Assert.Empty(_site.Problems);
    }

    [Fact]
    public async Task SaveDraft_TokenInsertedIntoNewVersion_DraftStoredWithoutToken()
    {
        // Arrange
        var photo = await SignedUrlAsync("photos/harbour.png");
        var id = await PublishRichTextPageAsync("<p>first</p>");

        // Act: a new draft version, edited and saved as a draft, as the editor's "Save draft" does.
        await InRequestAsync(async services =>
        {
            var contents = services.GetRequiredService<IContentManager>();
            var draft = await contents.GetAsync(id, VersionOptions.DraftRequired);
            JsonObject data = (JsonDynamicObject)draft!.Content;
            data["HtmlBodyPart"] = new JsonObject { ["Html"] = $"<p>second <img src='{photo}'></p>" };
            await contents.UpdateAsync(draft);
            await contents.SaveDraftAsync(draft);
            return true;
        });
        var stored = await StoredJsonAsync(id, VersionOptions.Draft);

        // Assert
        Assert.Equal("<p>second <img src='/media/photos/harbour.png'></p>", (string?)JsonNode.Parse(stored)!["HtmlBodyPart"]!["Html"]);
        Assert.DoesNotContain("tt=", stored, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AdminEditor_StoredBodyWithoutToken_PreviewLoadsProtectedImageAndPublishStripsTokenAgain()
    {
        // Arrange: an item stored without token, as every save leaves it.
        var slug = "editor-" + Guid.NewGuid().ToString("N")[..8];
        var id = await PublishRichTextPageAsync("<p><img src=\"/media/photos/harbour.png\" alt=\"Harbour\"></p>", slug, slug);
        await using var admin = await AdminBrowser.LogInAsync(_site, "/");

        // Act: open the item in the admin editor (Trumbowyg), wait for the preview's image, publish unchanged.
        await admin.Page.GotoAsync($"/Admin/Contents/ContentItems/{id}/Edit");
        var loaded = await admin.Page.WaitForFunctionAsync(
            "() => { const i = document.querySelector('.trumbowyg-editor img[alt=\"Harbour\"]'); return i && i.complete ? { width: i.naturalWidth, src: i.getAttribute('src') } : null; }",
            null,
            new() { Timeout = 20_000 });
        var preview = JsonNode.Parse((await loaded.JsonValueAsync<JsonElement>()).GetRawText())!;
        await admin.Page.Locator("button[name='submit.Publish']").First.ClickAsync();
        await admin.Page.WaitForLoadStateAsync(Microsoft.Playwright.LoadState.NetworkIdle);
        var stored = await StoredJsonAsync(id, VersionOptions.Published);

        // Assert: the preview asked for a signed URL and the gate served it (an image the browser could decode).
        Assert.StartsWith("/media/photos/harbour.png?tt=", (string?)preview["src"], StringComparison.Ordinal);
        Assert.Equal(320, (int)preview["width"]!);
        Assert.DoesNotContain("tt=", stored, StringComparison.Ordinal);
        Assert.Contains("/media/photos/harbour.png", (string?)JsonNode.Parse(stored)!["HtmlBodyPart"]!["Html"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_RecipeRichTextPage_ImportedStaleTokensGoneAndLinksSigned()
    {
        // Arrange
        using var client = _site.CreateAnonymousClient();

        // Act
        using var page = await client.GetAsync("/rich-text", Ct);
        var html = await page.Content.ReadAsStringAsync(Ct);
        var photo = AttributeOf(html, "alt=\"Harbour\"", "src");
        var report = AttributeOf(html, "title=\"The report\"", "href");
        var logo = AttributeOf(html, "alt=\"Logo \\(public folder\\)\"", "src");
        using var photoResponse = await client.GetAsync(photo, Ct);
        using var reportResponse = await client.GetAsync(report, Ct);
        using var logoResponse = await client.GetAsync(logo, Ct);

        // Assert
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.DoesNotContain("c3RhbGUtdG9rZW4", html, StringComparison.Ordinal);
        Assert.StartsWith("/media/photos/harbour.png?tt=", photo, StringComparison.Ordinal);
        Assert.StartsWith("/media/docs/report.pdf?download=1&tt=", report, StringComparison.Ordinal);
        Assert.Equal("/media/public/logo.png", logo);
        Assert.Contains("&lt;img src=\"/media/photos/harbour.png\"&gt; is shown as text", html, StringComparison.Ordinal);
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK], [photoResponse.StatusCode, reportResponse.StatusCode, logoResponse.StatusCode]);
    }

    [Fact]
    public async Task Setup_RecipeRichTextPageWithStaleTokens_StoredWithoutToken()
    {
        // Act: the recipe's rich text page as the auto setup stored it (its body was written with stale tokens, and
        // Orchard's HTML body handler sanitises and applies the body again after the import).
        var stored = await _site.InTenantAsync("Default", async services =>
        {
            var items = await services.GetRequiredService<YesSql.ISession>()
                .Query<ContentItem, ContentItemIndex>(x => x.ContentType == "RichTextPage" && x.DisplayText == "Rich text with private media")
                .ListAsync();
            return JConvert.SerializeObject(Assert.Single(items));
        });

        // Assert
        var storedHtml = (string?)JsonNode.Parse(stored)!["HtmlBodyPart"]!["Html"];
        Assert.Contains("<img src=\"/media/photos/harbour.png\" alt=\"Harbour\"", storedHtml, StringComparison.Ordinal);
        Assert.Contains("href=\"/media/docs/report.pdf?download=1\"", storedHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("tt=", stored, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_HtmlBodyWithInsertedTokens_StoredWithoutToken()
    {
        // Arrange: a rich text page as a deployment package or a recipe carries it, with a link as the media library
        // hands it to the editor.
        var photo = await SignedUrlAsync("photos/harbour.png");
        var id = "import" + Guid.NewGuid().ToString("N")[..20];
        var item = new ContentItem { ContentItemId = id, ContentType = "RichTextPage", DisplayText = id, Latest = true, Published = true };
        JsonObject data = (JsonDynamicObject)item.Content;
        data["TitlePart"] = new JsonObject { ["Title"] = id };
        data["HtmlBodyPart"] = new JsonObject { ["Html"] = $"<p><img src=\"{WebUtility.HtmlEncode(photo)}\" alt=\"Harbour\"></p>" };

        // Act: Orchard's content import, as the content step of a recipe or a deployment runs it.
        await InRequestAsync(async services =>
        {
            await services.GetRequiredService<IContentManager>().ImportAsync([item]);
            return true;
        });
        var stored = await StoredJsonAsync(id, VersionOptions.Published);

        // Assert
        Assert.Equal("<p><img src=\"/media/photos/harbour.png\" alt=\"Harbour\"></p>", (string?)JsonNode.Parse(stored)!["HtmlBodyPart"]!["Html"]);
        Assert.DoesNotContain("tt=", stored, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_CacheBlockWithProtectedLink_CachedOutputExpiresBeforeTheLink()
    {
        // Arrange
        var key = "timetoken-test-" + Guid.NewGuid().ToString("N");
        var template = "{% cache '" + key + "', expires_after: '1.00:00:00' %}<a href=\"{{ 'docs/report.pdf' | asset_url }}\">Report</a>{% endcache %}";

        // Act: the block rendered by Orchard's Liquid cache tag inside an outer cache scope (as a cached shape would be).
        var (output, outer, cached) = await InRequestAsync(async services =>
        {
            var scopes = services.GetRequiredService<ICacheScopeManager>();
            var outer = new CacheContext("outer");
            scopes.EnterScope(outer);
            string output;
            try
            {
                output = await services.GetRequiredService<ILiquidTemplateManager>().RenderStringAsync(template, HtmlEncoder.Default);
            }
            finally
            {
                scopes.ExitScope();
            }

            var cached = await services.GetRequiredService<IDynamicCacheService>().GetCachedValueAsync(new CacheContext(key));
            return (output, outer, cached);
        });

        // Assert: the block was cached, and the cap (one slack, 300 s, before the link's expiry) reached the outer
        // scope, both as a date and as a duration, shorter than the block's one day.
        var linkExpiry = DateTimeOffset.FromUnixTimeSeconds(ExpiryOf(WebUtility.HtmlDecode(output)));
        Assert.Contains("/media/docs/report.pdf?tt=", output, StringComparison.Ordinal);
        Assert.Equal(output, cached);
        Assert.Equal(linkExpiry.AddSeconds(-300), outer.ExpiresOn);
        Assert.True(outer.ExpiresOn < linkExpiry);
        Assert.NotNull(outer.ExpiresAfter);
        Assert.True(outer.ExpiresAfter < TimeSpan.FromHours(1), outer.ExpiresAfter.ToString());
        Assert.True(_site.Time.GetUtcNow() + outer.ExpiresAfter!.Value < linkExpiry);
    }
}
