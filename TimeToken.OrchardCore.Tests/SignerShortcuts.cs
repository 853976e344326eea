using TimeToken.Core.Media;
using TimeToken.OrchardCore.Media;

namespace TimeToken.Tests.OrchardCore;

/// <summary>
/// The four shapes of request the tests sign with, each one <see cref="IMediaUrlSigner.Sign"/> call: a path, a path
/// below a media base, a URL already built, and a path after its version was awaited.
/// </summary>
internal static class SignerShortcuts
{
    public static string? SignPath(this IMediaUrlSigner signer, string path, TimeSpan? lifetime = null) =>
        signer.Sign(MediaUrlRequest.ForPath(path) with { Lifetime = lifetime }).Url;

    public static string? BuildUrl(this IMediaUrlSigner signer, string mediaBaseUrl, string path, TimeSpan? lifetime = null) =>
        signer.Sign(MediaUrlRequest.UnderBase(mediaBaseUrl, path) with { Lifetime = lifetime }).Url;

    public static string AddToken(this IMediaUrlSigner signer, string publicUrl, string storagePath, TimeSpan? lifetime = null) =>
        signer.Sign(MediaUrlRequest.ForUrl(publicUrl, storagePath) with { Lifetime = lifetime }).Url!;

    /// <summary>As <see cref="SignPath"/>, after waiting for the file's version (the gate's store, as documented on <see cref="IMediaUrlSigner"/>).</summary>
    public static async ValueTask<string?> SignPathAsync(this IMediaUrlSigner signer, string path, TimeSpan? lifetime = null, CancellationToken cancellationToken = default)
    {
        if (MediaPath.TryNormalizeWithQuery(path, out var normalized, out _))
        {
            try
            {
                await Unwrap(signer).Versions.GetVersionAsync(normalized, cancellationToken);
            }
            catch (MediaStoreUnavailableException)
            {
                // Signed without the version, as any signing before the store answers.
            }
        }

        return signer.SignPath(path, lifetime);
    }

    /// <summary>The expiry a link signed now would get.</summary>
    public static DateTimeOffset GetExpiry(this IMediaUrlSigner signer, TimeSpan? lifetime = null) => Unwrap(signer).GetExpiry(lifetime);

    private static MediaUrlSigner Unwrap(IMediaUrlSigner signer) =>
        (MediaUrlSigner)(signer is CacheScopeCappingMediaUrlSigner capping ? capping.Inner : signer);
}
