using OrchardCore;
using OrchardCore.Security.Permissions;

namespace TimeToken.OrchardCore;

/// <summary>Declares <see cref="TimeTokenPermissions.ManageTimeTokenSettings"/> and grants it to Administrators.</summary>
internal sealed class PermissionProvider : IPermissionProvider
{
    private readonly IEnumerable<Permission> _allPermissions = [TimeTokenPermissions.ManageTimeTokenSettings];

    /// <inheritdoc />
    public Task<IEnumerable<Permission>> GetPermissionsAsync() => Task.FromResult(_allPermissions);

    /// <inheritdoc />
    public IEnumerable<PermissionStereotype> GetDefaultStereotypes() =>
    [
        new PermissionStereotype
        {
            Name = OrchardCoreConstants.Roles.Administrator,
            Permissions = _allPermissions,
        },
    ];
}
