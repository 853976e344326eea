using System.Net;
using System.Text.RegularExpressions;

namespace TimeToken.Tests.OrchardSite;

/// <summary>The URLs of the demo page of the sample site's recipe, read from the rendered HTML.</summary>
internal sealed partial class DemoPage
{
    private DemoPage(string html) => Html = html;

    /// <summary>The page's HTML.</summary>
    public string Html { get; }

    /// <summary>The <c>href</c> or <c>src</c> of the element with the given id, HTML-decoded.</summary>
    public string Url(string id)
    {
        var match = AttributeOfId().Matches(Html).FirstOrDefault(m => m.Groups["id"].Value == id)
            ?? throw new InvalidOperationException($"No element with id {id} and a URL on the page.");
        return WebUtility.HtmlDecode(match.Groups["url"].Value);
    }

    /// <summary>The <c>src</c> of every <c>img</c> of the media field (rendered by Orchard's MediaField.cshtml).</summary>
    public IReadOnlyList<string> MediaFieldUrls()
    {
        var start = Html.IndexOf("field-name-demo-page-attachments", StringComparison.Ordinal);
        Assert.True(start >= 0, "the media field is not on the page");
        var end = Html.IndexOf("</div>", start, StringComparison.Ordinal);
        return [.. FieldUrl().Matches(Html[start..end]).Select(m => WebUtility.HtmlDecode(m.Groups["url"].Value))];
    }

    /// <summary>Gets the home page of a tenant (<c>/</c> or <c>/second/</c>).</summary>
    public static async Task<DemoPage> GetAsync(HttpClient client, string tenantPath = "/")
    {
        using var response = await client.GetAsync(tenantPath);
        response.EnsureSuccessStatusCode();
        return new DemoPage(await response.Content.ReadAsStringAsync());
    }

    [GeneratedRegex("""id="(?<id>[^"]+)"[^>]*?(?:href|src)="(?<url>[^"]*)""")]
    private static partial Regex AttributeOfId();

    [GeneratedRegex("""(?:href|src)="(?<url>[^"]*)""")]
    private static partial Regex FieldUrl();
}
