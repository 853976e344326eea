// Mirrors: src/OrchardCore/OrchardCore.Infrastructure.Abstractions/Security/Permissions/Permission.cs @ 3.0.1
namespace OrchardCore.Security.Permissions;

// Data holder: the module declares its permissions as static instances, so constructors and properties are real.
public class Permission
{
    public const string ClaimType = "Permission";

    public Permission(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
    }

    public Permission(string name, string description, bool isSecurityCritical = false)
        : this(name)
    {
        Description = description;
        IsSecurityCritical = isSecurityCritical;
    }

    public Permission(string name, string description, IEnumerable<Permission> impliedBy, bool isSecurityCritical = false)
        : this(name, description, isSecurityCritical)
    {
        ImpliedBy = impliedBy;
    }

    public string Name { get; }

    public string Description { get; set; }

    public string Category { get; set; }

    public IEnumerable<Permission> ImpliedBy { get; }

    public bool IsSecurityCritical { get; }
}
