using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Html;
using Microsoft.Extensions.DependencyInjection;
using TimeToken.Core.Media;
using TimeToken.OrchardCore.RichText;

namespace TimeToken.Benchmarks;

/// <summary>
/// Displays an HTML body with 50 images (and a link, captions and text around each) as the module's shape event does
/// it: the shape's content written out once, then every media attribute signed. Baselines in the same run:
/// <list type="bullet">
/// <item>the body written out with rich-text signing off (what Orchard does with the content anyway);</item>
/// <item>the same body with its 50 files in the public folder: tokenised and checked, nothing to sign.</item>
/// </list>
/// The files exist on disk and their versions are warm.
/// </summary>
[MemoryDiagnoser]
public class RichTextBenchmarks
{
    private const int ImageCount = 50;

    private string _root = null!;
    private ServiceProvider _services = null!;
    private IMediaUrlSigner _signer = null!;
    private MediaUrlBases _bases = null!;
    private RichTextLinksCache _cache = null!;
    private string _protectedBody = null!;
    private string _publicBody = null!;

    [GlobalSetup]
    public void Setup()
    {
        _root = Directory.CreateTempSubdirectory("timetoken-bench-richtext-").FullName;
        var protectedBody = new StringBuilder("<h2>Harbour &amp; docks, 2025</h2>\n");
        var publicBody = new StringBuilder("<h2>Harbour &amp; docks, 2025</h2>\n");
        for (var i = 0; i < ImageCount; i++)
        {
            var path = string.Create(CultureInfo.InvariantCulture, $"gallery/2025/photo-{i:D3}.jpg");
            BenchmarkData.WriteFile(_root, path, string.Create(CultureInfo.InvariantCulture, $"photo {i}"));
            BenchmarkData.WriteFile(_root, "public/" + path, string.Create(CultureInfo.InvariantCulture, $"photo {i}"));
            const string Figure = """
                <p>The quay at dawn, seen from the north pier; the cranes were taken down in the spring &mdash; see the
                <a href="{0}?tt=k0.1700000000.c3RhbGU" target="_blank">full-size picture</a> and its caption.</p>
                <figure class="image"><img src="{0}?width=640&amp;tt=k0.1700000000.c3RhbGU" alt="Photo {1}" width="640" height="400" loading="lazy">
                <figcaption>Photo {1}: &ldquo;harbour&rdquo; series</figcaption></figure>

                """;
            protectedBody.Append(CultureInfo.InvariantCulture, $"{string.Format(CultureInfo.InvariantCulture, Figure, "/media/" + path, i)}");
            publicBody.Append(CultureInfo.InvariantCulture, $"{string.Format(CultureInfo.InvariantCulture, Figure, "/media/public/" + path, i)}");
        }

        _protectedBody = protectedBody.ToString();
        _publicBody = publicBody.ToString();
        _services = BenchmarkData.CreateServices(new PhysicalMediaFileInfoSource(_root));
        _signer = _services.GetRequiredService<IMediaUrlSigner>();
        _cache = new RichTextLinksCache();
        _bases = MediaUrlBases.Create("/media", tenantPrefix: null, cdnBaseUrl: null, ["www.example.com"]);

        // Warm the versions, and check what each case does.
        var signed = SignedProtected();
        var signedCount = signed.Split("tt=").Length - 1;
        if (signedCount != 2 * ImageCount || signed.Contains("c3RhbGU", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"{signedCount} links signed, expected {2 * ImageCount} fresh ones.");
        }

        if (Rewrite(_publicBody) != _publicBody || RewriteCached(_publicBody) != _publicBody || SignedCached() != signed)
        {
            throw new InvalidOperationException("The public body changed, or the cached slots sign differently.");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _services.Dispose();
        Directory.Delete(_root, recursive: true);
    }

    [Benchmark(Baseline = true, Description = "50 images: written out, rich-text signing off")]
    public string WrittenOnly() => Write(_protectedBody);

    [Benchmark(Description = "50 images, public folder: written out, tokenised, nothing to sign")]
    public string PublicChecked() => Rewrite(Write(_publicBody));

    [Benchmark(Description = "50 images, protected: written out, 100 links signed (versions warm)")]
    public string SignedProtected() => Rewrite(Write(_protectedBody));

    [Benchmark(Description = "50 images, public folder, links cached: written out, nothing to sign")]
    public string PublicCached() => RewriteCached(Write(_publicBody));

    [Benchmark(Description = "50 images, protected, links cached: written out, 100 links signed (later displays)")]
    public string SignedCached() => RewriteCached(Write(_protectedBody));

    private static string Write(string body)
    {
        using var writer = new StringWriter();
        new HtmlString(body).WriteTo(writer, HtmlEncoder.Default);
        return writer.ToString();
    }

    private string RewriteCached(string html) => _cache.Get(html, _bases, "tt").Sign(_signer);

    private string Rewrite(string html) => RichTextLinkRewriter.FindLinks(html, _bases, "tt").Sign(_signer);
}
