using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace TimeToken.Core.Uploads;

/// <summary>
/// Cross-origin requests to the upload endpoint: only origins listed in
/// <see cref="UploadLimitsOptions.CorsOrigins"/> get CORS headers, and a preflight is answered with POST and the two
/// request headers an upload uses. The endpoint needs no cookie, so no credentials are ever allowed.
/// </summary>
internal static class UploadCors
{
    /// <summary>Adds the CORS headers when the request comes from a listed origin.</summary>
    /// <returns>The allowed origin, or <see langword="null"/>.</returns>
    public static string? Apply(HttpContext context, TimeTokenOptions options)
    {
        var origin = AllowedOrigin(context.Request, options);
        if (origin is not null)
        {
            context.Response.Headers.AccessControlAllowOrigin = origin;
            context.Response.Headers.Vary = HeaderNames.Origin;
        }

        return origin;
    }

    /// <summary>Answers an OPTIONS request: 204 with <c>Allow</c>, and the preflight headers for an allowed origin.</summary>
    public static void AnswerPreflight(HttpContext context, string? allowedOrigin)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status204NoContent;
        response.Headers.Allow = "OPTIONS, POST";
        if (allowedOrigin is not null && context.Request.Headers.AccessControlRequestMethod.Count > 0)
        {
            response.Headers.AccessControlAllowMethods = "POST";
            response.Headers.AccessControlAllowHeaders = "Content-Type, X-File-Name";
            response.Headers.AccessControlMaxAge = "600";
        }
    }

    private static string? AllowedOrigin(HttpRequest request, TimeTokenOptions options)
    {
        var origins = options.Uploads.CorsOrigins;
        if (origins is null || origins.Count == 0 || request.Headers.Origin.Count != 1)
        {
            return null;
        }

        var origin = request.Headers.Origin.ToString();
        foreach (var allowed in origins)
        {
            if (string.Equals(allowed, origin, StringComparison.OrdinalIgnoreCase))
            {
                return origin;
            }
        }

        return null;
    }
}
