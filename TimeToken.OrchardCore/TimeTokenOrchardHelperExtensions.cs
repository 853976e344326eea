using Microsoft.Extensions.DependencyInjection;
using OrchardCore;
using TimeToken.Core.Media;
using TimeToken.OrchardCore.Media;

/// <summary>Razor helpers of TimeToken: <c>@Orchard.SignedMediaUrl("docs/report.pdf")</c>.</summary>
/// <remarks>
/// In the global namespace, like Orchard Core's own <see cref="IOrchardHelper"/> extensions (for example
/// <c>MediaOrchardRazorHelperExtensions.AssetUrl</c>): Razor views import no <c>OrchardCore</c> namespace, so any
/// view can call the helper without an <c>@using</c>.
/// </remarks>
#pragma warning disable CA1050 // Declare types in namespaces
public static class TimeTokenOrchardHelperExtensions
#pragma warning restore CA1050
{
    /// <summary>
    /// The signed public URL of a media file, built like <c>Orchard.AssetUrl()</c> (CDN, tenant prefix, escaped
    /// segments) with a token of the given lifetime.
    /// </summary>
    /// <param name="orchard">The Orchard helper of the view.</param>
    /// <param name="path">The media path, such as <c>docs/report.pdf</c>, optionally followed by <c>?query</c>.</param>
    /// <param name="lifetime">The link's lifetime; default the configured timeout, capped at the maximum lifetime.</param>
    /// <returns>The URL, or an empty string when <paramref name="path"/> is empty or not a valid media path.</returns>
    public static string SignedMediaUrl(this IOrchardHelper orchard, string path, TimeSpan? lifetime = null)
    {
        ArgumentNullException.ThrowIfNull(orchard);
        if (string.IsNullOrEmpty(path))
        {
            return string.Empty;
        }

        var services = orchard.HttpContext.RequestServices;
        var store = services.GetRequiredService<InnerMediaFileStore>().Store;
        var signer = services.GetRequiredService<IMediaUrlSigner>();

        return MediaPath.TryNormalizeWithQuery(path, out var normalized, out var query)
            ? signer.Sign(MediaUrlRequest.ForUrl(store.MapPathToPublicUrl(normalized) + query, normalized) with { Lifetime = lifetime }).Url ?? string.Empty
            : string.Empty;
    }
}
