// Mirrors: src/OrchardCore/OrchardCore.Infrastructure.Abstractions/Security/Permissions/IPermissionProvider.cs @ 3.0.1
namespace OrchardCore.Security.Permissions;

public interface IPermissionProvider
{
    Task<IEnumerable<Permission>> GetPermissionsAsync();

    IEnumerable<PermissionStereotype> GetDefaultStereotypes();
}
