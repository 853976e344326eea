using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using OrchardCore.Modules;
using OrchardCore.Security.Permissions;
using TimeToken.OrchardCore.Uploads.Api;

namespace TimeToken.OrchardCore;

/// <summary>
/// Registers the services of the <see cref="FeatureIds.UploadSlotsApi"/> feature: the permission
/// <see cref="TimeTokenPermissions.CreateUploadSlots"/>, the JSON API endpoints and the <c>content-media-field</c> handler.
/// </summary>
[Feature(FeatureIds.UploadSlotsApi)]
public sealed class UploadSlotsApiStartup : StartupBase
{
    /// <summary>After the upload slots feature's startup, whose services it uses.</summary>
    public override int Order => Startup.ServicesOrder + 2;

    /// <inheritdoc />
    public override void ConfigureServices(IServiceCollection services)
    {
        services.AddPermissionProvider<UploadSlotsApiPermissionProvider>();
        services.AddScoped<UploadSlotRequests>();
        services.AddUploadSlotHandler<ContentMediaFieldUploadSlotHandler>(ContentMediaFieldUploadSlotHandler.Name);
    }

    /// <inheritdoc />
    public override void Configure(IApplicationBuilder app, IEndpointRouteBuilder routes, IServiceProvider serviceProvider)
        => routes.MapUploadSlotEndpoints();
}

/// <summary>Declares <see cref="TimeTokenPermissions.CreateUploadSlots"/> and grants it to Administrators.</summary>
internal sealed class UploadSlotsApiPermissionProvider : IPermissionProvider
{
    private readonly IEnumerable<Permission> _allPermissions = [TimeTokenPermissions.CreateUploadSlots];

    public Task<IEnumerable<Permission>> GetPermissionsAsync() => Task.FromResult(_allPermissions);

    public IEnumerable<PermissionStereotype> GetDefaultStereotypes() =>
    [
        new PermissionStereotype
        {
            Name = global::OrchardCore.OrchardCoreConstants.Roles.Administrator,
            Permissions = _allPermissions,
        },
    ];
}
