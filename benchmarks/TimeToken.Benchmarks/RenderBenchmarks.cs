using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Fluid;
using Fluid.Values;
using Microsoft.Extensions.DependencyInjection;
using TimeToken.Core.Liquid;
using TimeToken.Core.Media;

namespace TimeToken.Benchmarks;

/// <summary>
/// Renders a page of 200 media links with <c>signed_media_url</c> against the same page with plain URLs, each pair
/// in its own category with its own baseline:
/// <list type="bullet">
/// <item><c>Loop</c>: a gallery over 200 items (title and path) of the model, as a content page renders them; the
/// baseline builds each URL with a plain path filter (<c>/media/</c> and the path, what <c>asset_url</c> costs), the
/// same loop with the URL written inline is a second figure;</item>
/// <item><c>Unrolled</c>: 200 links written out in the template, plain ones as literal text.</item>
/// </list>
/// The files exist on disk. "Warm" renders find every version in the cache; "cold" empties the version cache and
/// the signer's URL cache before each render, so all 200 files are looked up on disk and signed again.
/// </summary>
[MemoryDiagnoser]
[CategoriesColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
public class RenderBenchmarks
{
    private const int LinkCount = 200;
    private static readonly FluidParser s_parser = new();

    private string _root = null!;
    private ServiceProvider _services = null!;
    private MediaFileVersionProvider _versions = null!;
    private MediaUrlSigner _signer = null!;
    private TemplateOptions _options = null!;
    private IFluidTemplate _loopSigned = null!;
    private IFluidTemplate _loopPlain = null!;
    private IFluidTemplate _loopPathFilter = null!;
    private IFluidTemplate _unrolledSigned = null!;
    private IFluidTemplate _unrolledPlain = null!;
    private List<GalleryItem> _items = null!;

    [GlobalSetup]
    public void Setup()
    {
        _root = Directory.CreateTempSubdirectory("timetoken-bench-render-").FullName;
        _items = [];
        for (var i = 0; i < LinkCount; i++)
        {
            var path = string.Create(CultureInfo.InvariantCulture, $"gallery/2025/photo-{i:D3}.jpg");
            BenchmarkData.WriteFile(_root, path, string.Create(CultureInfo.InvariantCulture, $"photo {i}"));
            _items.Add(new GalleryItem(string.Create(CultureInfo.InvariantCulture, $"Photo {i}"), path));
        }

        _services = BenchmarkData.CreateServices(new PhysicalMediaFileInfoSource(_root));
        _versions = (MediaFileVersionProvider)_services.GetRequiredService<IMediaFileVersionProvider>();
        _signer = (MediaUrlSigner)_services.GetRequiredService<IMediaUrlSigner>();
        _options = new TemplateOptions();
        _options.MemberAccessStrategy.MemberNameStrategy = MemberNameStrategies.CamelCase;
        _options.MemberAccessStrategy.Register<GalleryItem>();
        _options.AddTimeTokenFilters(_signer, "/media");
        _options.Filters.AddFilter("media_path", (input, _, _) => new ValueTask<FluidValue>(new StringValue("/media/" + input.ToStringValue())));

        const string Figure = """<figure><img src="{0}" alt="{{{{ item.title }}}}"><figcaption>{{{{ item.title }}}}</figcaption></figure>""";
        _loopSigned = Parse("{% for item in items %}" + string.Format(CultureInfo.InvariantCulture, Figure, "{{ item.path | signed_media_url }}") + "\n{% endfor %}");
        _loopPlain = Parse("{% for item in items %}" + string.Format(CultureInfo.InvariantCulture, Figure, "/media/{{ item.path }}") + "\n{% endfor %}");
        _loopPathFilter = Parse("{% for item in items %}" + string.Format(CultureInfo.InvariantCulture, Figure, "{{ item.path | media_path }}") + "\n{% endfor %}");

        var signed = new StringBuilder();
        var plain = new StringBuilder();
        foreach (var item in _items)
        {
            signed.Append(CultureInfo.InvariantCulture, $"<li><a href=\"{{{{ '{item.Path}' | signed_media_url }}}}\">{item.Title}</a></li>\n");
            plain.Append(CultureInfo.InvariantCulture, $"<li><a href=\"/media/{item.Path}\">{item.Title}</a></li>\n");
        }

        _unrolledSigned = Parse(signed.ToString());
        _unrolledPlain = Parse(plain.ToString());

        // Warm the version cache, and check that every link is signed and the plain page has the same links.
        foreach (var (template, expectSigned) in new[] { (_loopSigned, true), (_loopPlain, false), (_loopPathFilter, false), (_unrolledSigned, true), (_unrolledPlain, false) })
        {
            var html = Render(template);
            var tokens = CountOf(html, "?tt=");
            var links = CountOf(html, "/media/gallery/2025/photo-");
            if (links != LinkCount || tokens != (expectSigned ? LinkCount : 0))
            {
                throw new InvalidOperationException($"Expected {LinkCount} links, found {links} with {tokens} tokens.");
            }
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _services.Dispose();
        Directory.Delete(_root, recursive: true);
    }

    [Benchmark(Baseline = true, Description = "Loop: plain path filter (/media/ + path)")]
    [BenchmarkCategory("Loop")]
    public string LoopPathFilter() => Render(_loopPathFilter);

    [Benchmark(Description = "Loop: plain URLs written inline")]
    [BenchmarkCategory("Loop")]
    public string LoopPlain() => Render(_loopPlain);

    [Benchmark(Description = "Loop: signed_media_url, versions warm")]
    [BenchmarkCategory("Loop")]
    public string LoopSignedWarm() => Render(_loopSigned);

    [Benchmark(Description = "Loop: signed_media_url, versions cold (200 files on disk)")]
    [BenchmarkCategory("Loop")]
    public string LoopSignedCold()
    {
        ClearCaches();
        return Render(_loopSigned);
    }

    [Benchmark(Baseline = true, Description = "Unrolled: plain URLs (literal text)")]
    [BenchmarkCategory("Unrolled")]
    public string UnrolledPlain() => Render(_unrolledPlain);

    [Benchmark(Description = "Unrolled: signed_media_url, versions warm")]
    [BenchmarkCategory("Unrolled")]
    public string UnrolledSignedWarm() => Render(_unrolledSigned);

    [Benchmark(Description = "Unrolled: signed_media_url, versions cold (200 files on disk)")]
    [BenchmarkCategory("Unrolled")]
    public string UnrolledSignedCold()
    {
        ClearCaches();
        return Render(_unrolledSigned);
    }

    private static IFluidTemplate Parse(string source) =>
        s_parser.TryParse(source, out var template, out var error) ? template : throw new InvalidOperationException(error);

    private static int CountOf(string text, string value)
    {
        var count = 0;
        for (var at = text.IndexOf(value, StringComparison.Ordinal); at >= 0; at = text.IndexOf(value, at + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    /// <summary>Empties the version cache and the signer's URL cache: every file is looked up and signed again.</summary>
    private void ClearCaches()
    {
        _versions.Clear();
        _signer.ClearUrlCache();
    }

    private string Render(IFluidTemplate template)
    {
        var context = new TemplateContext(_options);
        context.SetValue("items", _items);
        return template.Render(context, HtmlEncoder.Default);
    }

    /// <summary>One entry of the gallery model.</summary>
    public sealed record GalleryItem(string Title, string Path);
}
