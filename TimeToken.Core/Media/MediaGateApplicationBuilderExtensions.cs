using Microsoft.AspNetCore.Http;
using TimeToken.Core.Media;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Adds the time-token media gate to a pipeline.</summary>
public static class MediaGateApplicationBuilderExtensions
{
    /// <summary>
    /// Guards every GET and HEAD below <paramref name="prefix"/> with time tokens. Add it before the middleware that
    /// serves media (static files, Orchard Core's media pipeline); other methods and paths pass untouched.
    /// </summary>
    /// <param name="app">The pipeline.</param>
    /// <param name="prefix">The media request path, such as <c>/media</c>.</param>
    /// <returns>The pipeline.</returns>
    /// <remarks>Needs <c>services.AddTimeTokenMedia(...)</c>.</remarks>
    /// <exception cref="ArgumentException"><paramref name="prefix"/> is empty or <c>/</c>.</exception>
    public static IApplicationBuilder UseTimeTokenMediaGate(this IApplicationBuilder app, PathString prefix)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (!prefix.HasValue || prefix.Value == "/")
        {
            throw new ArgumentException("The media prefix must be a path such as '/media'.", nameof(prefix));
        }

        return app.UseMiddleware<MediaGateMiddleware>(new PathString(prefix.Value!.TrimEnd('/')));
    }
}
