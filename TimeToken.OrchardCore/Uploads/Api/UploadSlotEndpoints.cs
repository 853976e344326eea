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
/// is on) wins; otherwise the user signed in by cookie (see <see cref="UploadSlotCaller"/>). A bearer-token call needs
/// no antiforgery token. A call signed in by cookie must carry Orchard's antiforgery token (header
/// <c>RequestVerificationToken</c>), so no other site can make a browser ask for a slot in its user's name. Every
/// refusal is logged (event 1311).
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

    private const string Channel = "JSON API";

    public static IEndpointRouteBuilder MapUploadSlotEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapPost(MediaRoute, (Func<HttpContext, Task<IResult>>)(httpContext => HandleAsync(httpContext, content: false))).DisableAntiforgery();
        routes.MapPost(ContentRoute, (Func<HttpContext, Task<IResult>>)(httpContext => HandleAsync(httpContext, content: true))).DisableAntiforgery();
        return routes;
    }

    private static async Task<IResult> HandleAsync(HttpContext httpContext, bool content)
    {
        var bearer = await UploadSlotCaller.AuthenticateBearerAsync(httpContext).ConfigureAwait(false);
        var requests = httpContext.RequestServices.GetRequiredService<UploadSlotRequests>();
        var user = httpContext.User;

        // Without the permission nothing else matters: 401 anonymous, 403 signed in.
        var authorizationService = httpContext.RequestServices.GetRequiredService<IAuthorizationService>();
        if (!await authorizationService.AuthorizeAsync(user, TimeTokenPermissions.CreateUploadSlots).ConfigureAwait(false))
        {
            requests.LogRefusal(user, Channel, "The permission 'Create upload slots' is required.");
            return httpContext.ChallengeOrForbid(UploadSlotCaller.ApiScheme);
        }

        if (await UploadSlotCaller.CheckRequestAsync(httpContext, bearer).ConfigureAwait(false) is { } refusal)
        {
            requests.LogRefusal(user, Channel, refusal);
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The antiforgery token is missing or invalid.", detail: refusal);
        }

        if (!httpContext.Request.HasJsonContentType())
        {
            requests.LogRefusal(user, Channel, "The body must be JSON (application/json).");
            return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "The body must be JSON (application/json).");
        }

        UploadSlotRequest? request;
        try
        {
            request = await httpContext.Request.ReadFromJsonAsync<UploadSlotRequest>(JsonSerializerOptions.Web, httpContext.RequestAborted).ConfigureAwait(false);
        }
        catch (JsonException ex)
        {
            var field = string.IsNullOrEmpty(ex.Path) || ex.Path == "$" ? "body" : ex.Path.TrimStart('$', '.');
            requests.LogRefusal(user, Channel, "The value is not valid JSON of the expected type.");
            return Invalid(field, "The value is not valid JSON of the expected type.");
        }

        if (request is null)
        {
            requests.LogRefusal(user, Channel, "The body must be a JSON object.");
            return Invalid("body", "The body must be a JSON object.");
        }

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
            _ => httpContext.ChallengeOrForbid(UploadSlotCaller.ApiScheme),
        };
    }

    private static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, title: "The upload slot request is invalid.");
}
