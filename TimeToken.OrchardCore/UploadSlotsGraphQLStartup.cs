using Microsoft.Extensions.DependencyInjection;
using OrchardCore.Apis.GraphQL;
using OrchardCore.Modules;
using TimeToken.OrchardCore.Uploads.Api;

namespace TimeToken.OrchardCore;

/// <summary>
/// Adds the mutations <c>createMediaUploadSlot</c> and <c>createContentMediaUploadSlot</c> to Orchard's GraphQL schema
/// when <c>OrchardCore.Apis.GraphQL</c> is enabled too.
/// </summary>
[Feature(FeatureIds.UploadSlotsApi)]
[RequireFeatures("OrchardCore.Apis.GraphQL")]
public sealed class UploadSlotsGraphQLStartup : StartupBase
{
    /// <inheritdoc />
    public override void ConfigureServices(IServiceCollection services) => services.AddSingleton<ISchemaBuilder, UploadSlotSchemaBuilder>();
}
