using OrchardCore;
using OrchardCore.Security.Permissions;

namespace TimeToken.OrchardCore.ShareLinks;

/// <summary>Declares <see cref="TimeTokenPermissions.ShareMediaLinks"/> and grants it to Administrators and Editors.</summary>
[global::OrchardCore.Modules.Feature(FeatureIds.ShareLinks)]
internal sealed class ShareLinksPermissionProvider : IPermissionProvider
{
    private readonly IEnumerable<Permission> _allPermissions = [TimeTokenPermissions.ShareMediaLinks];

    /// <inheritdoc />
    public Task<IEnumerable<Permission>> GetPermissionsAsync() => Task.FromResult(_allPermissions);

    /// <inheritdoc />
    public IEnumerable<PermissionStereotype> GetDefaultStereotypes() =>
    [
        new PermissionStereotype { Name = OrchardCoreConstants.Roles.Administrator, Permissions = _allPermissions },
        new PermissionStereotype { Name = OrchardCoreConstants.Roles.Editor, Permissions = _allPermissions },
    ];
}
