using TimeToken.Core.Uploads;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Adds the upload slot endpoint to a request pipeline.</summary>
public static class UploadSlotApplicationBuilderExtensions
{
    /// <summary>
    /// Adds the middleware that answers <c>/{UploadNamespace}/{slotId}/{token}</c> below the current path base (so it
    /// works per Orchard tenant). Place it before MVC/endpoints: it needs no antiforgery token (the slot token is the
    /// credential) and no cookies.
    /// </summary>
    /// <param name="app">The application.</param>
    /// <returns>The application, for chaining.</returns>
    public static IApplicationBuilder UseTimeTokenUploadSlots(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.UseMiddleware<UploadSlotMiddleware>();
    }
}
