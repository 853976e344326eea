using System.Text.Json;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OrchardCore.Modules;
using OrchardCore.Security;

namespace TimeToken.OrchardCore.Uploads.Api;

/// <summary>
/// The JSON API: <c>POST {tenant}/api/timetoken/upload-slots</c> (a media folder) and
/// <c>POST {tenant}/api/timetoken/upload-slots/content</c> (a content item's media field).
/// </summary>
/// <remarks>
/// <para>
/// Authentication as Orchard's GraphQL endpoint does it: the <c>Api</c> scheme (a bearer token when OpenId validation
/// is on) wins; otherwise the user signed in by cookie. A bearer-token call needs no antiforgery token. A call signed
/// in by cookie must carry Orchard's antiforgery token (header <c>RequestVerificationToken</c>), so no other site can
/// make a browser ask for a slot in its user's name.
/// </para>
/// <para>
/// Answers: <c>201</c> with <c>{url, expiresAt, maxBytes, allowedExtensions}</c>; <c>400</c> with a validation
/// problem naming the field (or the antiforgery token); <c>401</c> anonymous; <c>403</c> without permission;
/// <c>404</c> unknown content item; <c>415</c> not JSON; <c>503</c> slot store unreachable.
/// </para>
/// </remarks>
internal static class UploadSlotEndpoints
{
    /// <summary>The route of media slots, below the tenant.</summary>
    public const string MediaRoute = "api/timetoken/upload-slots";

    /// <summary>The route of content item slots, below the tenant.</summary>
    public const string ContentRoute = "api/timetoken/upload-slots/content";

    private const string ApiScheme = "Api";
    private const string Channel = "JSON API";

    public static IEndpointRouteBuilder MapUploadSlotEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapPost(MediaRoute, (Func<HttpContext, Task<IResult>>)(httpContext => HandleAsync(httpContext, content: false))).DisableAntiforgery();
        routes.MapPost(ContentRoute, (Func<HttpContext, Task<IResult>>)(httpContext => HandleAsync(httpContext, content: true))).DisableAntiforgery();
        return routes;
    }

    private static async Task<IResult> HandleAsync(HttpContext httpContext, bool content)
    {
        var api = await httpContext.AuthenticateAsync(ApiScheme).ConfigureAwait(false);
        if (api.Succeeded)
        {
            httpContext.User = api.Principal;
        }

        // Without the permission nothing else matters: 401 anonymous, 403 signed in.
        var authorizationService = httpContext.RequestServices.GetRequiredService<IAuthorizationService>();
        if (!await authorizationService.AuthorizeAsync(httpContext.User, TimeTokenPermissions.CreateUploadSlots).ConfigureAwait(false))
        {
            return httpContext.ChallengeOrForbid(ApiScheme);
        }

        if (!api.Succeeded && httpContext.User.Identity?.IsAuthenticated == true)
        {
            // Signed in by cookie: the browser would send that cookie for any site, so the call must prove it comes
            // from a page of this one. A missing header is refused here, without the antiforgery service's Warning log for every such call.
            var headerName = httpContext.RequestServices.GetRequiredService<IOptions<AntiforgeryOptions>>().Value.HeaderName;
            var antiforgery = httpContext.RequestServices.GetRequiredService<IAntiforgery>();
            if (headerName is null
                || string.IsNullOrEmpty(httpContext.Request.Headers[headerName])
                || !await antiforgery.IsRequestValidAsync(httpContext).ConfigureAwait(false))
            {
                return TypedResults.Problem(
                    statusCode: StatusCodes.Status400BadRequest,
                    title: "The antiforgery token is missing or invalid.",
                    detail: "A call signed in by cookie must send Orchard's antiforgery token in the RequestVerificationToken header; a call with a bearer token needs none.");
            }
        }

        if (!httpContext.Request.HasJsonContentType())
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "The body must be JSON (application/json).");
        }

        UploadSlotRequest? request;
        try
        {
            request = await httpContext.Request.ReadFromJsonAsync<UploadSlotRequest>(JsonSerializerOptions.Web, httpContext.RequestAborted).ConfigureAwait(false);
        }
        catch (JsonException ex)
        {
            return Invalid(string.IsNullOrEmpty(ex.Path) || ex.Path == "$" ? "body" : ex.Path.TrimStart('$', '.'), "The value is not valid JSON of the expected type.");
        }

        if (request is null)
        {
            return Invalid("body", "The body must be a JSON object.");
        }

        var requests = httpContext.RequestServices.GetRequiredService<UploadSlotRequests>();
        var result = content
            ? await requests.CreateContentSlotAsync(httpContext.User, request, Channel, httpContext.RequestAborted).ConfigureAwait(false)
            : await requests.CreateMediaSlotAsync(httpContext.User, request, Channel, httpContext.RequestAborted).ConfigureAwait(false);

        httpContext.Response.Headers.CacheControl = "no-store";
        return result.Status switch
        {
            UploadSlotRequestStatus.Created => TypedResults.Json(result.Slot, JsonSerializerOptions.Web, statusCode: StatusCodes.Status201Created),
            UploadSlotRequestStatus.Invalid => Invalid(result.Field!, result.Message),
            UploadSlotRequestStatus.NotFound => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: result.Message, extensions: new Dictionary<string, object?> { ["field"] = result.Field }),
            UploadSlotRequestStatus.Unavailable => TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: result.Message),
            _ => httpContext.ChallengeOrForbid(ApiScheme),
        };
    }

    private static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, title: "The upload slot request is invalid.");
}
