using Microsoft.Extensions.DependencyInjection;
using OrchardCore.Modules;

namespace TimeToken.OrchardCore;

/// <summary>
/// Registers the services of the <see cref="FeatureIds.TimeToken"/> feature (the module's main feature).
/// </summary>
public sealed class Startup : StartupBase
{
    /// <inheritdoc />
    public override void ConfigureServices(IServiceCollection services)
    {
        // The Orchard-layer services (store decorator, gate, settings, filter) are registered here as they arrive.
    }
}
