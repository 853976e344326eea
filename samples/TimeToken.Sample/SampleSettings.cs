using System.Globalization;
using TimeToken.Core;

namespace TimeToken.Sample;

/// <summary>
/// The sample's settings: <see cref="TimeTokenOptions"/> from the <c>TimeToken</c> section plus the two keys only the
/// sample reads (<c>TimeToken:MediaRoot</c> and <c>TimeToken:Benchmark:PlainPath</c>). Read and checked once at
/// start-up; any invalid value throws <see cref="SampleConfigurationException"/> with a one-line message.
/// </summary>
internal sealed class SampleSettings
{
    public const string MediaRootKey = "TimeToken:MediaRoot";
    public const string PlainPathKey = "TimeToken:Benchmark:PlainPath";
    public const string DefaultMediaRoot = "App_Data/media";

    /// <summary>The sample's default when <c>TimeToken:Uploads:AllowedExtensions</c> is not set at all (empty allows all).</summary>
    public const string DefaultAllowedExtensions = ".txt,.pdf,.png,.jpg,.jpeg,.gif,.webp,.bin,.zip";

    /// <summary>The request path of the media files.</summary>
    public static readonly PathString MediaRequestPath = "/media";

    private SampleSettings(TimeTokenOptions options, string mediaRoot, PathString plainPath)
    {
        Options = options;
        MediaRoot = mediaRoot;
        PlainPath = plainPath;
    }

    public TimeTokenOptions Options { get; }

    /// <summary>The full path of the media folder.</summary>
    public string MediaRoot { get; }

    /// <summary>The benchmark-only path that serves the media folder without the gate; empty when off.</summary>
    public PathString PlainPath { get; }

    public static SampleSettings Read(IConfiguration configuration, string contentRoot)
    {
        var section = configuration.GetSection(TimeTokenOptions.SectionName);
        var options = new TimeTokenOptions();
        try
        {
            section.Bind(options);
        }
        catch (InvalidOperationException exception)
        {
            // The binder names the key and the value ("Failed to convert configuration value '…' at 'TimeToken:…' …").
            throw new SampleConfigurationException("Invalid setting: " + OneLine(exception.Message), exception);
        }

        if (section.GetSection("Uploads:AllowedExtensions").Value is null)
        {
            options.Uploads.AllowedExtensions = DefaultAllowedExtensions;
        }

        var errors = TimeTokenOptionsValidator.Check(options);
        if (errors.Count > 0)
        {
            throw new SampleConfigurationException(string.Join(" ", errors.Select(e =>
                string.Create(CultureInfo.InvariantCulture, $"Invalid setting {TimeTokenOptions.SectionName}:{e.Setting}: {OneLine(e.Message)}"))));
        }

        var mediaRoot = configuration[MediaRootKey];
        if (string.IsNullOrWhiteSpace(mediaRoot))
        {
            mediaRoot = DefaultMediaRoot;
        }

        string fullMediaRoot;
        try
        {
            fullMediaRoot = Path.GetFullPath(mediaRoot, contentRoot);
        }
        catch (Exception exception) when (exception is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new SampleConfigurationException($"Invalid setting {MediaRootKey}: '{OneLine(mediaRoot)}' is not a folder path.", exception);
        }

        return new SampleSettings(options, fullMediaRoot, ReadPlainPath(configuration[PlainPathKey], options));
    }

    private static PathString ReadPlainPath(string? value, TimeTokenOptions options)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return PathString.Empty;
        }

        var trimmed = value.TrimEnd('/');
        var valid = trimmed.Length > 1
            && trimmed[0] == '/'
            && trimmed.Split('/').Skip(1).All(s => s.Length > 0 && s is not ("." or "..") && s.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'));
        if (!valid)
        {
            throw new SampleConfigurationException($"Invalid setting {PlainPathKey}: '{OneLine(value)}' must be a path such as '/plain'.");
        }

        var path = new PathString(trimmed);
        if (path.StartsWithSegments(MediaRequestPath) || MediaRequestPath.StartsWithSegments(path)
            || path.StartsWithSegments("/api") || path.StartsWithSegments("/" + options.UploadNamespace.Split('/')[0]))
        {
            throw new SampleConfigurationException($"Invalid setting {PlainPathKey}: '{OneLine(value)}' overlaps a path the sample already serves.");
        }

        return path;
    }

    private static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
