using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace TimeToken.OrchardCore.Uploads.Api;

/// <summary>
/// Who asks for an upload slot, for both channels (GraphQL and the JSON API): a caller with a bearer token (Orchard's
/// <c>Api</c> scheme, such as an OpenID access token), or a user signed in by cookie, who must prove that the call
/// comes from a page of this site.
/// </summary>
/// <remarks>
/// A browser sends the login cookie with every request to the site, also one started by a link or a form on another
/// site (the cookie is <c>SameSite=Lax</c>, so a top-level GET carries it). A call signed in by cookie is therefore
/// accepted only as a POST with Orchard's antiforgery token in the header <c>RequestVerificationToken</c>; a bearer
/// token is never sent by a browser on its own, so a call with one needs no antiforgery token.
/// </remarks>
internal static class UploadSlotCaller
{
    /// <summary>Orchard's authentication scheme of API calls: the bearer token when OpenID validation is on.</summary>
    public const string ApiScheme = "Api";

    /// <summary>The answer to a cookie call without a valid antiforgery token.</summary>
    public const string AntiforgeryRefusal = "A call signed in by cookie must send Orchard's antiforgery token in the RequestVerificationToken header; a call with a bearer token needs none.";

    /// <summary>The answer to a call that is not a POST.</summary>
    public const string MethodRefusal = "Upload slots are handed out only to a POST request.";

    // Orchard's OpenID server marks a token issued to an application (client credentials) with this claim; its
    // subject is then the application's client id.
    private const string EntityTypeClaim = "oc:entyp";
    private const string ApplicationEntityType = "application";
    private const string SubjectClaim = "sub";

    /// <summary>
    /// Authenticates the <see cref="ApiScheme"/> as Orchard's GraphQL endpoint does: when it succeeds, its principal
    /// becomes the request's user.
    /// </summary>
    /// <returns>Whether the caller is authenticated by a bearer token.</returns>
    public static async Task<bool> AuthenticateBearerAsync(HttpContext httpContext)
    {
        var api = await httpContext.AuthenticateAsync(ApiScheme).ConfigureAwait(false);
        if (api.Succeeded)
        {
            httpContext.User = api.Principal;
        }

        return api.Succeeded;
    }

    /// <summary>
    /// Why a call may not receive a slot whatever it asks for: not a POST, or signed in by cookie without a valid
    /// antiforgery token; <see langword="null"/> when it may go on. An anonymous call is left to the permission check.
    /// </summary>
    /// <param name="httpContext">The request.</param>
    /// <param name="bearer">Whether <see cref="AuthenticateBearerAsync"/> authenticated the caller.</param>
    public static async Task<string?> CheckRequestAsync(HttpContext httpContext, bool bearer)
    {
        if (!HttpMethods.IsPost(httpContext.Request.Method))
        {
            return MethodRefusal;
        }

        if (bearer || httpContext.User.Identity?.IsAuthenticated != true)
        {
            return null;
        }

        // A missing header is refused here, without the antiforgery service's Warning log for every such call.
        var headerName = httpContext.RequestServices.GetRequiredService<IOptions<AntiforgeryOptions>>().Value.HeaderName;
        if (headerName is null || string.IsNullOrEmpty(httpContext.Request.Headers[headerName]))
        {
            return AntiforgeryRefusal;
        }

        var antiforgery = httpContext.RequestServices.GetRequiredService<IAntiforgery>();
        return await antiforgery.IsRequestValidAsync(httpContext).ConfigureAwait(false) ? null : AntiforgeryRefusal;
    }

    /// <summary>
    /// The caller as the audit log names it: <c>application 'client-id'</c> for a token Orchard's OpenID server issued
    /// to an application (its client id: unique and fixed, unlike its display name), <c>user 'user-id'</c> for a
    /// user (the id Orchard puts in the principal), <c>anonymous</c> otherwise.
    /// </summary>
    public static string Describe(ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true)
        {
            return "anonymous";
        }

        if (string.Equals(user.FindFirstValue(EntityTypeClaim), ApplicationEntityType, StringComparison.Ordinal)
            && user.FindFirstValue(SubjectClaim) is { Length: > 0 } clientId)
        {
            return $"application '{clientId}'";
        }

        var id = user.FindFirstValue(ClaimTypes.NameIdentifier) ?? user.FindFirstValue(SubjectClaim) ?? user.Identity.Name ?? "(unknown)";
        return $"user '{id}'";
    }
}
