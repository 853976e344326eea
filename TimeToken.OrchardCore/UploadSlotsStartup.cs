using Microsoft.Extensions.DependencyInjection;
using OrchardCore.Modules;

namespace TimeToken.OrchardCore;

/// <summary>
/// Registers the services of the <see cref="FeatureIds.UploadSlots"/> feature.
/// </summary>
[Feature(FeatureIds.UploadSlots)]
public sealed class UploadSlotsStartup : StartupBase
{
    /// <inheritdoc />
    public override void ConfigureServices(IServiceCollection services)
    {
        // The upload-slot services and endpoint are registered here as they arrive.
    }
}
