using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;

namespace TimeToken.Tests.Farm;

/// <summary>
/// The administrator of the Default tenant on one node, as a browser is: a login cookie, the settings form posted
/// back with its antiforgery token, and the media library's own upload and delete actions.
/// </summary>
internal sealed partial class FarmAdmin : IDisposable
{
    private const string SettingsPage = "/Admin/Settings/timetoken";
    private readonly HttpClient _client;
    private string _antiforgery = string.Empty;

    private FarmAdmin(FarmNode node)
    {
        _client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = node.BaseAddress };
    }

    /// <summary>Logs in on <paramref name="node"/>.</summary>
    public static async Task<FarmAdmin> LogInAsync(FarmNode node)
    {
        var admin = new FarmAdmin(node);
        var form = await admin.ReadFormAsync("/Login", "/Login");
        form.RemoveAll(f => f.Key is "LoginForm.UserName" or "LoginForm.Password");
        form.Add(new("LoginForm.UserName", "admin"));
        form.Add(new("LoginForm.Password", "TimeToken-Demo-1"));
        using var login = await admin._client.PostAsync("/Login", new FormUrlEncodedContent(form));
        if (login.StatusCode != HttpStatusCode.Redirect || login.Headers.Location?.ToString().Contains("Login", StringComparison.Ordinal) == true)
        {
            throw new InvalidOperationException($"Login answered {(int)login.StatusCode}.");
        }

        return admin;
    }

    /// <summary>Saves the TimeToken settings page with the given fields changed (names after <c>ISite.TimeTokenSettings.</c>).</summary>
    /// <returns>The answer: a redirect when the settings were saved.</returns>
    public async Task<HttpStatusCode> SaveSettingsAsync(IReadOnlyDictionary<string, string> changes)
    {
        var form = await ReadFormAsync(SettingsPage, SettingsPage);
        foreach (var (field, value) in changes)
        {
            var name = "ISite.TimeTokenSettings." + field;
            form.RemoveAll(f => f.Key == name);
            form.Add(new(name, value));
        }

        using var saved = await _client.PostAsync(SettingsPage, new FormUrlEncodedContent(form));
        return saved.StatusCode;
    }

    /// <summary>Uploads a file into a media folder through the media library.</summary>
    public async Task<HttpStatusCode> UploadAsync(string folder, string fileName, byte[] content)
    {
        await EnsureAntiforgeryAsync();
        using var body = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        body.Add(file, "files", fileName);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/Admin/Media/Upload?path={Uri.EscapeDataString(folder)}") { Content = body };
        request.Headers.Add("RequestVerificationToken", _antiforgery);
        using var answer = await _client.SendAsync(request);
        var text = await answer.Content.ReadAsStringAsync();
        return answer.IsSuccessStatusCode && text.Contains("\"error\"", StringComparison.Ordinal) ? HttpStatusCode.Conflict : answer.StatusCode;
    }

    /// <summary>Deletes a media file through the media library.</summary>
    public async Task<HttpStatusCode> DeleteAsync(string path)
    {
        await EnsureAntiforgeryAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/Admin/Media/DeleteMedia?path={Uri.EscapeDataString(path)}");
        request.Headers.Add("RequestVerificationToken", _antiforgery);
        using var answer = await _client.SendAsync(request);
        return answer.StatusCode;
    }

    /// <summary>The URL the media library shows for a file: signed by the node, as every media URL.</summary>
    public async Task<string> MediaUrlAsync(string path)
    {
        using var answer = await _client.GetAsync($"/Admin/Media/GetMediaItem?path={Uri.EscapeDataString(path)}");
        answer.EnsureSuccessStatusCode();
        var url = System.Text.Json.JsonDocument.Parse(await answer.Content.ReadAsStringAsync()).RootElement.GetProperty("url").GetString()!;
        return url.StartsWith("http", StringComparison.Ordinal) ? new Uri(url).PathAndQuery : url;
    }

    /// <summary>Asks for an upload slot through the JSON API; returns the answer's status and body.</summary>
    public async Task<(HttpStatusCode Status, string Body)> CreateSlotAsync(string folder)
    {
        await EnsureAntiforgeryAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/timetoken/upload-slots")
        {
            Content = new StringContent($$"""{"folder":"{{folder}}","lifetimeSeconds":120}""", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("RequestVerificationToken", _antiforgery);
        using var answer = await _client.SendAsync(request);
        return (answer.StatusCode, await answer.Content.ReadAsStringAsync());
    }

    /// <inheritdoc />
    public void Dispose() => _client.Dispose();

    private async Task EnsureAntiforgeryAsync()
    {
        if (_antiforgery.Length == 0)
        {
            var form = await ReadFormAsync(SettingsPage, SettingsPage);
            _antiforgery = form.First(f => f.Key == "__RequestVerificationToken").Value;
        }
    }

    // The fields a browser would post: inputs with their values (checkboxes only when checked), selected options.
    private async Task<List<KeyValuePair<string, string>>> ReadFormAsync(string page, string action)
    {
        using var answer = await _client.GetAsync(page);
        answer.EnsureSuccessStatusCode();
        var html = await answer.Content.ReadAsStringAsync();
        var start = html.IndexOf($"action=\"{action}\"", StringComparison.Ordinal);
        var end = html.IndexOf("</form>", start, StringComparison.Ordinal);
        var form = html[start..end];
        var fields = new List<KeyValuePair<string, string>>();
        foreach (Match input in Input().Matches(form))
        {
            var tag = input.Value;
            var name = Attribute(tag, "name");
            if (name is null || (tag.Contains("type=\"checkbox\"", StringComparison.Ordinal) && !tag.Contains("checked", StringComparison.Ordinal)))
            {
                continue;
            }

            fields.Add(new(name, WebUtility.HtmlDecode(Attribute(tag, "value") ?? string.Empty)));
        }

        foreach (Match select in Select().Matches(form))
        {
            fields.Add(new(select.Groups["name"].Value, WebUtility.HtmlDecode(Selected().Match(select.Value).Groups["value"].Value)));
        }

        return fields;
    }

    private static string? Attribute(string tag, string name)
    {
        var match = Regex.Match(tag, $"\\s{name}=\"(?<v>[^\"]*)\"");
        return match.Success ? match.Groups["v"].Value : null;
    }

    [GeneratedRegex("<input[^>]*>")]
    private static partial Regex Input();

    [GeneratedRegex("<select[^>]*name=\"(?<name>[^\"]+)\"[^>]*>.*?</select>", RegexOptions.Singleline)]
    private static partial Regex Select();

    [GeneratedRegex("<option[^>]*selected[^>]*value=\"(?<value>[^\"]*)\"|<option[^>]*value=\"(?<value>[^\"]*)\"[^>]*selected")]
    private static partial Regex Selected();
}
