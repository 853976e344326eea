using Fluid;
using Microsoft.Extensions.Logging;
using TimeToken.Core.Media;

namespace TimeToken.Core.Liquid;

/// <summary>Registers TimeToken's Liquid filters on plain Fluid <see cref="TemplateOptions"/>.</summary>
public static class TimeTokenTemplateOptionsExtensions
{
    /// <summary>Adds <c>signed_media_url</c> (see <see cref="SignedMediaUrlFilter"/>).</summary>
    /// <param name="options">The template options.</param>
    /// <param name="signer">The signer.</param>
    /// <param name="mediaBasePath">The media request path, such as <c>/media</c>.</param>
    /// <param name="logger">The logger; optional.</param>
    /// <returns>The template options.</returns>
    public static TemplateOptions AddTimeTokenFilters(this TemplateOptions options, IMediaUrlSigner signer, string mediaBasePath, ILogger<SignedMediaUrlFilter>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var filter = new SignedMediaUrlFilter(signer, mediaBasePath, logger);
        options.Filters.AddFilter(SignedMediaUrlFilter.Name, filter.SignedMediaUrl);
        return options;
    }
}
