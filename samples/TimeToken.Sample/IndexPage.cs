using System.Globalization;
using System.Text.Encodings.Web;
using Fluid;
using Microsoft.Extensions.Options;
using TimeToken.Core;
using TimeToken.Core.Liquid;
using TimeToken.Core.Media;
using TimeToken.Core.Signing;

namespace TimeToken.Sample;

/// <summary>Renders the index page with Fluid; every media link goes through the <c>signed_media_url</c> filter.</summary>
internal sealed class IndexPage
{
    /// <summary>The file of the "expires soon" and "expired" links.</summary>
    public const string SpecialLinkPath = MediaSeed.ReportFile;

    private const string TemplateResource = "TimeToken.Sample.Templates.index.liquid";

    private readonly IFluidTemplate _template;
    private readonly TemplateOptions _templateOptions;
    private readonly SampleSettings _settings;
    private readonly IMediaUrlSigner _signer;
    private readonly IMediaFileVersionProvider _versions;
    private readonly IKeyRingProvider _keyRing;
    private readonly IOptionsMonitor<TimeTokenOptions> _options;
    private readonly TimeProvider _timeProvider;

    public IndexPage(
        SampleSettings settings,
        IMediaUrlSigner signer,
        IMediaFileVersionProvider versions,
        IKeyRingProvider keyRing,
        IOptionsMonitor<TimeTokenOptions> options,
        TimeProvider timeProvider,
        ILogger<SignedMediaUrlFilter> filterLogger)
    {
        _settings = settings;
        _signer = signer;
        _versions = versions;
        _keyRing = keyRing;
        _options = options;
        _timeProvider = timeProvider;
        _templateOptions = new TemplateOptions().AddTimeTokenFilters(signer, SampleSettings.MediaRequestPath.Value!, filterLogger);

        using var stream = typeof(IndexPage).Assembly.GetManifestResourceStream(TemplateResource)
            ?? throw new InvalidOperationException($"The embedded template {TemplateResource} is missing.");
        using var reader = new StreamReader(stream);
        var source = reader.ReadToEnd();
        if (!new FluidParser().TryParse(source, out _template, out var error))
        {
            throw new InvalidOperationException("The index template does not parse: " + error);
        }
    }

    public async Task<string> RenderAsync(CancellationToken cancellationToken)
    {
        var options = _options.CurrentValue;
        var context = new TemplateContext(_templateOptions);
        context.SetValue("files", ListFiles());
        context.SetValue("timeout_seconds", options.TimeoutSeconds);
        context.SetValue("cache_window_seconds", options.CacheWindowSeconds);
        context.SetValue("public_namespace", options.HasPublicNamespace ? options.PublicNamespace : "(off: every file needs a token)");
        context.SetValue("failure_status", options.FailureStatusCode);
        context.SetValue("short_path", SpecialLinkPath);
        context.SetValue("short_expires", FormatTime(_signer.Sign(MediaUrlRequest.ForPath(SpecialLinkPath) with { Lifetime = TimeSpan.FromSeconds(30) }).Expiry));
        var (expiredUrl, expiredAt) = await BuildExpiredUrlAsync(SpecialLinkPath, options, cancellationToken).ConfigureAwait(false);
        context.SetValue("expired_path", SpecialLinkPath);
        context.SetValue("expired_url", expiredUrl);
        context.SetValue("expired_at", FormatTime(expiredAt));
        context.SetValue("settings", SettingRows(options));
        return await _template.RenderAsync(context, HtmlEncoder.Default).ConfigureAwait(false);
    }

    /// <summary>Every file of the media folder (dot folders such as the upload staging folder left out), sorted by path.</summary>
    public List<Dictionary<string, object>> ListFiles()
    {
        var rows = new List<Dictionary<string, object>>();
        if (!Directory.Exists(_settings.MediaRoot))
        {
            return rows;
        }

        var enumeration = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.Hidden | FileAttributes.System };
        var files = Directory.EnumerateFiles(_settings.MediaRoot, "*", enumeration)
            .Select(full => Path.GetRelativePath(_settings.MediaRoot, full).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(path => !path.Split('/').Any(segment => segment.StartsWith('.')))
            .Order(StringComparer.Ordinal);
        foreach (var path in files)
        {
            if (!MediaPath.TryNormalize(path, out var normalized))
            {
                continue;
            }

            rows.Add(new Dictionary<string, object>(StringComparer.Ordinal)
            {
                ["path"] = normalized,
                ["kind"] = _signer.Sign(MediaUrlRequest.ForPath(normalized)).IsSigned ? "signed" : "public",
                // Not "size": in Liquid, "size" of an object is its number of entries.
                ["length"] = FormatSize(new FileInfo(Path.Combine(_settings.MediaRoot, path)).Length),
            });
        }

        return rows;
    }

    /// <summary>
    /// A genuine media token for <paramref name="path"/> (current key, current file version) whose expiry lies one
    /// cache window before the last window boundary, so the gate refuses it as expired.
    /// </summary>
    private async Task<(string Url, DateTimeOffset ExpiresAt)> BuildExpiredUrlAsync(string path, TimeTokenOptions options, CancellationToken cancellationToken)
    {
        if (!MediaPath.TryNormalize(path, out var normalized))
        {
            throw new InvalidOperationException("The special link path is not a media path.");
        }

        var version = (await _versions.GetVersionAsync(normalized, cancellationToken).ConfigureAwait(false))?.ToString() ?? string.Empty;
        var now = _timeProvider.GetUtcNow().ToUnixTimeSeconds();
        var window = options.CacheWindowSeconds;
        var expiresAt = (now / window * window) - window;
        var token = TokenSigner.Sign(TokenPurpose.Media, _keyRing.GetKeyRing().Active, normalized, version, expiresAt);
        var url = MediaUrl.SetParameter(SampleSettings.MediaRequestPath.Value + "/" + MediaUrl.EscapePath(normalized), options.ParameterName, token);
        return (url, DateTimeOffset.FromUnixTimeSeconds(expiresAt));
    }

    private List<Dictionary<string, object>> SettingRows(TimeTokenOptions options)
    {
        static Dictionary<string, object> Row(string key, object value) =>
            new(StringComparer.Ordinal) { ["key"] = "TimeToken:" + key, ["value"] = value };

        return
        [
            Row("MediaRoot", _settings.MediaRoot),
            Row("TimeoutSeconds", options.TimeoutSeconds),
            Row("MaxLifetimeSeconds", options.MaxLifetimeSeconds is { } max ? max : $"(unset: {options.EffectiveMaxLifetimeSeconds})"),
            Row("CacheWindowSeconds", options.CacheWindowSeconds),
            Row("ParameterName", options.ParameterName),
            Row("PublicNamespace", options.HasPublicNamespace ? options.PublicNamespace : "(off)"),
            Row("FailureStatusCode", options.FailureStatusCode),
            Row("Uploads:MaxBytes", options.Uploads.MaxBytes),
            Row("Uploads:AllowedExtensions", string.IsNullOrWhiteSpace(options.Uploads.AllowedExtensions) ? "(any)" : options.Uploads.AllowedExtensions),
            Row("Redis", string.IsNullOrWhiteSpace(options.Redis) ? "(off: slots kept in memory)" : "(set; not shown)"),
            Row("Benchmark:PlainPath", _settings.PlainPath.HasValue ? _settings.PlainPath.Value + " (no gate; benchmark only)" : "(off)"),
        ];
    }

    private static string FormatTime(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    private static string FormatSize(long bytes) => bytes switch
    {
        < 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes} B"),
        < 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.#} KB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):0.#} MB"),
    };
}
