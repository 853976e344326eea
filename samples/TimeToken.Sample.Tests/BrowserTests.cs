using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;

namespace TimeToken.Sample.Tests;

/// <summary>
/// The sample in a real browser: Playwright drives Debian's Chromium at <see cref="ChromiumPath"/> (never a downloaded
/// browser). CI installs the chromium package; without it this test fails, unless TIMETOKEN_SKIP_BROWSER=1 is set,
/// which skips it loudly (for local runs only).
/// </summary>
public sealed class BrowserTests
{
    public const string ChromiumPath = "/usr/bin/chromium";
    public const string SkipVariable = "TIMETOKEN_SKIP_BROWSER";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task IndexPage_InChromium_LinksDownloadUploadAndSlotReuse()
    {
        RequireChromium();
        await using var sample = await RunningSample.StartAsync();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        await using var context = await browser.NewContextAsync(new() { BaseURL = sample.BaseAddress.ToString(), AcceptDownloads = true, ViewportSize = new() { Width = 1100, Height = 900 } });
        var page = await context.NewPageAsync();

        // The page lists every kind of link.
        var index = await page.GotoAsync("/");
        Assert.Equal(200, index!.Status);
        foreach (var kind in new[] { "signed", "public", "short", "expired" })
        {
            Assert.True(await page.Locator($"a[data-kind='{kind}']").CountAsync() > 0, $"no link of kind {kind}");
        }

        // Clicking the signed link of the 2 MB file downloads exactly its bytes.
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator($"a[data-kind='signed'][data-path='{MediaSeed.LargeFile}']").ClickAsync());
        var downloaded = await download.PathAsync();
        Assert.Equal(MediaSeed.LargeFileBytes(), await File.ReadAllBytesAsync(downloaded, Cancel));

        // The signed image opens in the browser; the expired link gets the failure status and an empty body.
        var image = await page.Locator($"a[data-kind='signed'][data-path='{MediaSeed.ImageFile}']").GetAttributeAsync("href");
        var other = await context.NewPageAsync();
        var imageResponse = await other.GotoAsync(image!);
        Assert.Equal(200, imageResponse!.Status);
        Assert.Equal("image/png", imageResponse.Headers["content-type"]);
        var expired = await page.Locator("a[data-kind='expired']").GetAttributeAsync("href");
        // (Chromium shows its own error page for a bodiless 404, so the href is fetched through the browser context.)
        var expiredResponse = await context.APIRequest.GetAsync(expired!);
        Assert.Equal(404, expiredResponse.Status);
        Assert.Empty(await expiredResponse.BodyAsync());
        await other.CloseAsync();

        // The upload form gets a slot from the GraphQL mutation, posts the file with fetch(), shows the handler's result
        // and lists the new file.
        var content = Encoding.UTF8.GetBytes("Uploaded from Chromium through an upload slot.\n");
        await page.Locator("#upload-file").SetInputFilesAsync(new FilePayload { Name = "from-browser.txt", MimeType = "text/plain", Buffer = content });
        var graphQL = await page.RunAndWaitForResponseAsync(
            () => page.Locator("#upload-button").ClickAsync(),
            r => r.Request.Method == "POST" && new Uri(r.Url).AbsolutePath == "/graphql");
        Assert.Equal(200, graphQL.Status);
        Assert.Contains("createMediaUploadSlot", graphQL.Request.PostData, StringComparison.Ordinal);
        using var slotAnswer = JsonDocument.Parse(await graphQL.TextAsync());
        var graphQLSlotUrl = slotAnswer.RootElement.GetProperty("data").GetProperty("createMediaUploadSlot").GetProperty("url").GetString();
        var uploaded = page.Locator("a[data-kind='signed'][data-path='uploads/from-browser.txt']");
        await uploaded.WaitForAsync(new() { Timeout = 15_000 });
        Assert.Contains("\"path\": \"uploads/from-browser.txt\"", await page.Locator("#upload-result").TextContentAsync(), StringComparison.Ordinal);
        Assert.Equal("Uploaded.", await page.Locator("#upload-status").TextContentAsync());
        Assert.Equal(content, await File.ReadAllBytesAsync(Path.Combine(sample.MediaRoot, "uploads", "from-browser.txt"), Cancel));
        var uploadedResponse = await page.APIRequest.GetAsync((await uploaded.GetAttributeAsync("href"))!);
        Assert.Equal(content, await uploadedResponse.BodyAsync());

        // The screenshot is a test artifact.
        var screenshot = Path.Combine(AppContext.BaseDirectory, "TestResults", "sample-index.png");
        Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
        await page.ScreenshotAsync(new() { Path = screenshot, FullPage = true });
        TestContext.Current.TestOutputHelper?.WriteLine("Screenshot: " + screenshot);
        Console.WriteLine("Sample screenshot: " + screenshot);

        // The slot the page used is single-use: a second POST is refused with 409.
        var slotUrl = await page.Locator("#slot-url").GetAttributeAsync("data-url");
        Assert.StartsWith("/timetoken/upload/", slotUrl, StringComparison.Ordinal);
        Assert.Equal(graphQLSlotUrl, slotUrl);
        using var again = new MultipartFormDataContent();
        var file = new ByteArrayContent([1, 2, 3]);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        again.Add(file, "file", "again.txt");
        using var second = await sample.Client.PostAsync(new Uri(slotUrl!, UriKind.Relative), again, Cancel);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
    }

    private static void RequireChromium()
    {
        if (File.Exists(ChromiumPath))
        {
            return;
        }

        if (Environment.GetEnvironmentVariable(SkipVariable) == "1")
        {
            var message = $"BROWSER TEST SKIPPED: {ChromiumPath} is missing and {SkipVariable}=1. CI installs chromium and runs it.";
            Console.Error.WriteLine("*** " + message + " ***");
            Assert.Skip(message);
        }

        Assert.Fail($"{ChromiumPath} is missing: install Debian's chromium (apt-get install chromium). To skip this test locally only, set {SkipVariable}=1.");
    }
}
