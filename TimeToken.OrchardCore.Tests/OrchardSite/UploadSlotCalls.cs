using System.Net.Http.Headers;

namespace TimeToken.Tests.OrchardSite;

/// <summary>What the upload slot tests of the real site do again and again: read an antiforgery token, post a file.</summary>
internal static class UploadSlotCalls
{
    /// <summary>The antiforgery token of an admin page, as a page script of the site reads it.</summary>
    public static async Task<string> AntiforgeryTokenAsync(AdminBrowser browser, string page = "/Admin")
    {
        await browser.Page.GotoAsync(page);
        var token = await browser.Page.Locator("input[name='__RequestVerificationToken']").First.GetAttributeAsync("value");
        Assert.False(string.IsNullOrEmpty(token), "no antiforgery token on the admin page");
        return token!;
    }

    /// <summary>Posts <paramref name="bytes"/> as the raw body, named by the header <c>X-File-Name</c> (percent-encoded), without cookies.</summary>
    public static async Task<HttpResponseMessage> PostFileAsync(OrchardSiteHost site, string url, string fileName, byte[] bytes, string contentType = "application/octet-stream")
    {
        using var client = site.CreateAnonymousClient();
        using var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
        request.Headers.Add("X-File-Name", Uri.EscapeDataString(fileName));
        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }
}
