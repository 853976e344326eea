using System.Globalization;
using Fluid;
using Fluid.Values;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using TimeToken.Core.Media;

namespace TimeToken.Core.Liquid;

/// <summary>
/// The logic of the Liquid filter <c>signed_media_url</c>, shared by the Orchard Core filter and plain Fluid
/// (<see cref="TimeTokenTemplateOptionsExtensions.AddTimeTokenFilters"/>).
/// </summary>
/// <remarks>
/// <para>Input: a media path such as <c>docs/report.pdf</c>, <c>/docs/report.pdf</c> or <c>/media/docs/report.pdf</c>.
/// A path starting with the media base path is taken as a URL path and percent-decoded once; any other input is a
/// storage path taken as is. A <c>?query</c> is kept.</para>
/// <para>Output: the full URL below the media base path, signed unless in the public namespace:
/// <c>{{ "docs/report.pdf" | signed_media_url }}</c> → <c>/media/docs/report.pdf?tt=…</c>.</para>
/// <para>Argument <c>lifetime</c>: the link's lifetime in seconds, named (<c>lifetime: 60</c>) or as the first
/// positional argument (<c>signed_media_url: 60</c>). When both are given, the named one wins. A value that is not
/// a positive number means the default (<see cref="TimeTokenOptions.TimeoutSeconds"/>); larger values are capped
/// at the maximum lifetime.</para>
/// <para>Nil, empty or invalid input (a dot segment, a backslash…) gives an empty string; invalid input is logged
/// at Debug level.</para>
/// </remarks>
public sealed class SignedMediaUrlFilter
{
    /// <summary>The filter's name in templates.</summary>
    public const string Name = "signed_media_url";

    /// <summary>The name of the lifetime argument.</summary>
    public const string LifetimeArgument = "lifetime";

    private readonly IMediaUrlSigner _signer;
    private readonly string _mediaBasePath;
    private readonly Func<string, TimeSpan?, string?> _buildUrl;
    private readonly ILogger _logger;

    /// <summary>A filter that builds URLs below <paramref name="mediaBasePath"/> (<see cref="MediaUrlRequest.UnderBase"/>).</summary>
    /// <param name="signer">The signer.</param>
    /// <param name="mediaBasePath">The media request path, such as <c>/media</c> (with a tenant prefix if any).</param>
    /// <param name="logger">The logger; optional.</param>
    public SignedMediaUrlFilter(IMediaUrlSigner signer, string mediaBasePath, ILogger<SignedMediaUrlFilter>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(signer);
        ArgumentNullException.ThrowIfNull(mediaBasePath);
        _signer = signer;
        _mediaBasePath = mediaBasePath.TrimEnd('/');
        _buildUrl = (path, lifetime) => _signer.Sign(MediaUrlRequest.UnderBase(_mediaBasePath, path) with { Lifetime = lifetime }).Url;
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <summary>
    /// A filter that builds the unsigned URL with <paramref name="mapPathToPublicUrl"/> (for example Orchard Core's
    /// <c>IMediaFileStore.MapPathToPublicUrl</c>, which knows the CDN and tenant) and then adds the token to it
    /// (<see cref="MediaUrlRequest.ForUrl"/>).
    /// </summary>
    /// <param name="signer">The signer.</param>
    /// <param name="mediaBasePath">The media request path, stripped from inputs that start with it.</param>
    /// <param name="mapPathToPublicUrl">Maps a normalised storage path to its public URL.</param>
    /// <param name="logger">The logger; optional.</param>
    public SignedMediaUrlFilter(IMediaUrlSigner signer, string mediaBasePath, Func<string, string> mapPathToPublicUrl, ILogger<SignedMediaUrlFilter>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(signer);
        ArgumentNullException.ThrowIfNull(mediaBasePath);
        ArgumentNullException.ThrowIfNull(mapPathToPublicUrl);
        _signer = signer;
        _mediaBasePath = mediaBasePath.TrimEnd('/');
        _buildUrl = (path, lifetime) =>
        {
            return MediaPath.TryNormalizeWithQuery(path, out var normalized, out var query)
                ? _signer.Sign(MediaUrlRequest.ForUrl(mapPathToPublicUrl(normalized) + query, normalized) with { Lifetime = lifetime }).Url
                : null;
        };
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <summary>The filter, with the signature of Fluid's <see cref="FilterDelegate"/>.</summary>
    /// <param name="input">The media path.</param>
    /// <param name="arguments">The optional <c>lifetime</c>, named or first positional.</param>
    /// <param name="context">The template context (its culture is not used: numbers are read invariantly).</param>
    /// <returns>The URL, or an empty string.</returns>
    public ValueTask<FluidValue> SignedMediaUrl(FluidValue input, FilterArguments arguments, TemplateContext context)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(arguments);
        if (input.IsNil())
        {
            return ValueTask.FromResult<FluidValue>(StringValue.Empty);
        }

        var path = input.ToStringValue();
        if (string.IsNullOrEmpty(path))
        {
            return ValueTask.FromResult<FluidValue>(StringValue.Empty);
        }

        path = StripMediaBase(path);
        var url = _buildUrl(path, ReadLifetime(arguments));
        if (url is null)
        {
            Log.MediaPathNotSigned(_logger);
            return ValueTask.FromResult<FluidValue>(StringValue.Empty);
        }

        return ValueTask.FromResult<FluidValue>(new StringValue(url));
    }

    private static TimeSpan? ReadLifetime(FilterArguments arguments)
    {
        var value = arguments.HasNamed(LifetimeArgument) ? arguments[LifetimeArgument]
            : arguments.Count > 0 ? arguments.At(0)
            : NilValue.Instance;
        double seconds;
        switch (value)
        {
            case NumberValue number:
                seconds = (double)number.ToNumberValue();
                break;
            case StringValue text when double.TryParse(text.ToStringValue(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed):
                seconds = parsed;
                break;
            default:
                return null;
        }

        return double.IsFinite(seconds) && seconds >= 1 ? TimeSpan.FromSeconds(Math.Min(seconds, TimeTokenOptionsValidator.MaxTimeoutSeconds)) : null;
    }

    private string StripMediaBase(string path)
    {
        if (_mediaBasePath.Length > 0
            && path.Length > _mediaBasePath.Length
            && path.StartsWith(_mediaBasePath, StringComparison.Ordinal)
            && path[_mediaBasePath.Length] == '/')
        {
            var rest = path[(_mediaBasePath.Length + 1)..];
            var question = rest.IndexOf('?', StringComparison.Ordinal);
            return question >= 0
                ? Uri.UnescapeDataString(rest[..question]) + rest[question..]
                : Uri.UnescapeDataString(rest);
        }

        return path;
    }
}
