using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using TimeToken.Core.Signing;

namespace TimeToken.Core.Media;

/// <summary>The media gate's checks of a share link's grant, after the token's MAC has been verified.</summary>
internal static class MediaGrantGate
{
    /// <summary>
    /// The grant must exist, be for this very path, not have ended and not have been taken back. A store that fails is
    /// logged and refused.
    /// </summary>
    /// <param name="grants">The node's grant cache.</param>
    /// <param name="grantId">The grant id from the verified token.</param>
    /// <param name="path">The normalised media path of the request.</param>
    /// <param name="now">The current time.</param>
    /// <param name="logger">The gate's logger.</param>
    /// <param name="cancellationToken">The request's cancellation.</param>
    /// <returns>The failure, or <see cref="TokenFailure.None"/> and what the response must carry.</returns>
    public static async ValueTask<(TokenFailure Failure, ServedGrant? Served)> CheckAsync(MediaGrantCache grants, string grantId, string path, DateTimeOffset now, ILogger logger, CancellationToken cancellationToken)
    {
        MediaGrant? grant;
        try
        {
            grant = await grants.FindAsync(grantId, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            Log.MediaGrantStoreFailed(logger, exception);
            return (TokenFailure.GrantStoreUnavailable, null);
        }

        if (grant is null || !string.Equals(grant.Path, path, StringComparison.Ordinal) || now >= grant.ExpiresAt)
        {
            return (TokenFailure.GrantNotFound, null);
        }

        if (grant.IsRevoked)
        {
            return (TokenFailure.GrantRevoked, null);
        }

        if (grant.DownloadName is not { } name)
        {
            return (TokenFailure.None, new ServedGrant(null));
        }

        // Checked when the grant was made; a record changed behind the module's back is served without its name.
        if (MediaDownloadName.IsValid(name))
        {
            return (TokenFailure.None, new ServedGrant(MediaDownloadName.ContentDisposition(name)));
        }

        Log.MediaGrantDownloadNameInvalid(logger);
        return (TokenFailure.None, new ServedGrant("attachment"));
    }

    /// <summary>
    /// The headers of a response served through a share link: never kept by a browser or proxy, so a revoked link is
    /// not served from a cache either, and the <c>Content-Disposition</c> of the grant's download name.
    /// </summary>
    /// <param name="response">The response, before it starts.</param>
    /// <param name="served">What the grant check found.</param>
    public static void SetGrantHeaders(HttpResponse response, ServedGrant served)
    {
        response.Headers.CacheControl = "private, no-store";
        if (served.ContentDisposition is { } disposition)
        {
            response.Headers.ContentDisposition = disposition;
        }
    }

    /// <summary>What a response served through a share link carries.</summary>
    /// <param name="ContentDisposition">The <c>Content-Disposition</c> value, or <see langword="null"/> to serve the file as usual.</param>
    internal sealed record ServedGrant(string? ContentDisposition);
}
