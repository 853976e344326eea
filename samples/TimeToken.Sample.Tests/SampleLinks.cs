using System.Net;
using System.Text.RegularExpressions;

namespace TimeToken.Sample.Tests;

/// <summary>Reads the links of the index page: <c>&lt;a data-kind="…" data-path="…" href="…"&gt;</c>.</summary>
internal static partial class SampleLinks
{
    public sealed record Link(string Kind, string Path, string Href);

    public static async Task<IReadOnlyList<Link>> ReadAsync(HttpClient client)
    {
        var html = await client.GetStringAsync(new Uri("/", UriKind.Relative), TestContext.Current.CancellationToken);
        return [.. LinkPattern().Matches(html).Select(m => new Link(m.Groups["kind"].Value, m.Groups["path"].Value, WebUtility.HtmlDecode(m.Groups["href"].Value)))];
    }

    public static Link Single(this IReadOnlyList<Link> links, string kind, string path) =>
        links.Single(l => l.Kind == kind && l.Path == path);

    [GeneratedRegex("""<a data-kind="(?<kind>[a-z]+)" data-path="(?<path>[^"]*)" href="(?<href>[^"]*)">""")]
    private static partial Regex LinkPattern();
}
