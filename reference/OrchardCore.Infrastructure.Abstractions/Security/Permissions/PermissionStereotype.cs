// Mirrors: src/OrchardCore/OrchardCore.Infrastructure.Abstractions/Security/Permissions/PermissionStereotype.cs @ 3.0.1
namespace OrchardCore.Security.Permissions;

// Data holder.
public class PermissionStereotype
{
    public string Name { get; set; }

    public IEnumerable<Permission> Permissions { get; set; }
}
