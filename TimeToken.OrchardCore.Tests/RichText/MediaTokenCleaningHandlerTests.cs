using System.Text.Json.Dynamic;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using OrchardCore.ContentManagement;
using OrchardCore.Environment.Shell;
using OrchardCore.Media;
using TimeToken.Core;
using TimeToken.OrchardCore.RichText;

namespace TimeToken.Tests.OrchardCore.RichText;

public sealed class MediaTokenCleaningHandlerTests
{
    // A content item as Orchard stores it: HTML and Markdown parts, HTML, Markdown and text fields, a media field and
    // a custom part with nested arrays; tokens in some strings, none in others.
    private const string Stored = """
        {
          "HtmlBodyPart": { "Html": "<p><img src=\"/media/photos/harbour.png?tt=k1.1700000000.AAAA\" alt=\"Harbour &amp; docks\"></p>\n<p><a href=\"/media/docs/report.pdf?width=1&amp;tt=k1.1700000000.BBBB&amp;x=2#p3\">Report</a> &mdash; <code>/media/a.jpg</code></p>" },
          "MarkdownBodyPart": { "Markdown": "# Title\n\n![Harbour](/media/photos/harbour.png?tt=k1.1.CCCC \"at night\")\n\nUnicode: é ü 漢字 \u2028 done." },
          "Page": {
            "Intro": { "Html": "<img src='https://www.example.com/media/a.jpg?tt=k1.1.DDDD'>" },
            "Notes": { "Markdown": "[pdf](/media/docs/report.pdf?TT=k1.1.EEEE)" },
            "Caption": { "Text": "plain /media/photos/harbour.png?tt=k1.1.FFFF text" },
            "Attachments": { "Paths": [ "photos/harbour.png", "docs/report.pdf" ], "MediaTexts": [ "", "" ] },
            "Foreign": { "Text": "<img src=\"https://other.example.org/media/a.jpg?tt=keep\">" }
          },
          "Custom": { "Blocks": [ { "Url": "/media/a.jpg?tt=k1.1.GGGG&width=10" }, [ "/media/b.jpg?tt=k1.1.HHHH", 42, true, null ] ], "Count": 3 }
        }
        """;

    private const string Expected = """
        {
          "HtmlBodyPart": { "Html": "<p><img src=\"/media/photos/harbour.png\" alt=\"Harbour &amp; docks\"></p>\n<p><a href=\"/media/docs/report.pdf?width=1&amp;x=2#p3\">Report</a> &mdash; <code>/media/a.jpg</code></p>" },
          "MarkdownBodyPart": { "Markdown": "# Title\n\n![Harbour](/media/photos/harbour.png \"at night\")\n\nUnicode: é ü 漢字 \u2028 done." },
          "Page": {
            "Intro": { "Html": "<img src='https://www.example.com/media/a.jpg'>" },
            "Notes": { "Markdown": "[pdf](/media/docs/report.pdf)" },
            "Caption": { "Text": "plain /media/photos/harbour.png text" },
            "Attachments": { "Paths": [ "photos/harbour.png", "docs/report.pdf" ], "MediaTexts": [ "", "" ] },
            "Foreign": { "Text": "<img src=\"https://other.example.org/media/a.jpg?tt=keep\">" }
          },
          "Custom": { "Blocks": [ { "Url": "/media/a.jpg?width=10" }, [ "/media/b.jpg", 42, true, null ] ], "Count": 3 }
        }
        """;

    [Fact]
    public void Clean_ItemJson_OnlyTokenParametersRemoved()
    {
        // Arrange
        var node = JsonNode.Parse(Stored)!;

        // Act
        var changed = MediaTokenCleaningHandler.Clean(node, MediaLinkTextTests.DefaultTenant, "tt");

        // Assert: every string equal to the expected one, code point for code point; the order of properties kept.
        Assert.Equal(7, changed);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(Expected), node), node.ToJsonString());
        Assert.Equal(
            JsonNode.Parse(Expected)!.AsObject().Select(p => p.Key),
            node.AsObject().Select(p => p.Key));
    }

    [Fact]
    public void Clean_ItemWithoutTokens_NothingChanged()
    {
        // Arrange
        var node = JsonNode.Parse(Expected)!;

        // Act
        var changed = MediaTokenCleaningHandler.Clean(node, MediaLinkTextTests.DefaultTenant, "tt");

        // Assert
        Assert.Equal(0, changed);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(Expected), node));
    }

    [Fact]
    public async Task CleanAsync_ContentItem_StoredJsonHoldsNoToken()
    {
        // Arrange
        var item = new ContentItem { ContentItemId = "item1", ContentType = "Page" };
        JsonObject data = (JsonDynamicObject)item.Content;
        data["HtmlBodyPart"] = new JsonObject { ["Html"] = "<img src=\"/media/a.jpg?tt=k1.1.AAAA&amp;width=5\">" };
        var handler = CreateHandler(signRichText: true);

        // Act
        var changed = await handler.CleanAsync(item);

        // Assert
        Assert.Equal(1, changed);
        Assert.Equal("<img src=\"/media/a.jpg?width=5\">", (string?)((JsonObject)(JsonDynamicObject)item.Content)["HtmlBodyPart"]!["Html"]);
    }

    [Fact]
    public async Task CleanAsync_RichTextOff_ItemUnchanged()
    {
        // Arrange
        var item = new ContentItem { ContentItemId = "item1", ContentType = "Page" };
        JsonObject data = (JsonDynamicObject)item.Content;
        data["HtmlBodyPart"] = new JsonObject { ["Html"] = "<img src=\"/media/a.jpg?tt=k1.1.AAAA\">" };
        var handler = CreateHandler(signRichText: false);

        // Act
        var changed = await handler.CleanAsync(item);

        // Assert
        Assert.Equal(0, changed);
        Assert.Equal("<img src=\"/media/a.jpg?tt=k1.1.AAAA\">", (string?)data["HtmlBodyPart"]!["Html"]);
    }

    [Fact]
    public async Task CleanAsync_SecondTenantWithRequestHost_PrefixedAndAbsoluteUrlsCleaned()
    {
        // Arrange
        var item = new ContentItem { ContentItemId = "item1", ContentType = "Page" };
        JsonObject data = (JsonDynamicObject)item.Content;
        data["HtmlBodyPart"] = new JsonObject
        {
            ["Html"] = "<img src=\"/second/media/a.jpg?tt=A\"><img src=\"http://site.test:8080/second/media/b.jpg?tt=B\"><img src=\"https://cdn.test/second/media/c.jpg?tt=C\">",
        };
        var handler = CreateHandler(signRichText: true, tenantPrefix: "second", requestHost: "site.test:8080", cdn: "https://cdn.test");

        // Act
        await handler.CleanAsync(item);

        // Assert
        Assert.Equal(
            "<img src=\"/second/media/a.jpg\"><img src=\"http://site.test:8080/second/media/b.jpg\"><img src=\"https://cdn.test/second/media/c.jpg\">",
            (string?)data["HtmlBodyPart"]!["Html"]);
    }

    internal static TenantMediaUrls CreateMediaUrls(string? tenantPrefix = null, string? requestHost = null, string? cdn = null)
    {
        var shell = new ShellSettings { Name = tenantPrefix ?? ShellSettings.DefaultShellName };
        shell.RequestUrlPrefix = tenantPrefix;
        var http = new HttpContextAccessor();
        if (requestHost is not null)
        {
            http.HttpContext = new DefaultHttpContext();
            http.HttpContext.Request.Host = new HostString(requestHost);
        }

        return new TenantMediaUrls(
            Options.Create(new MediaOptions { AssetsRequestPath = "/media", CdnBaseUrl = cdn }),
            shell,
            new FakeSiteService(),
            http);
    }

    private static MediaTokenCleaningHandler CreateHandler(bool signRichText, string? tenantPrefix = null, string? requestHost = null, string? cdn = null) => new(
        new StaticOptionsMonitor<TimeTokenOptions>(new TimeTokenOptions()),
        new StaticOptionsMonitor<RichTextOptions>(new RichTextOptions { SignRichText = signRichText }),
        CreateMediaUrls(tenantPrefix, requestHost, cdn),
        new FakeLogger<MediaTokenCleaningHandler>());
}

/// <summary>Options that never change.</summary>
internal sealed class StaticOptionsMonitor<T> : IOptionsMonitor<T>
{
    public StaticOptionsMonitor(T value) => CurrentValue = value;

    public T CurrentValue { get; }

    public T Get(string? name) => CurrentValue;

    public IDisposable? OnChange(Action<T, string?> listener) => null;
}
