// Mirrors: src/OrchardCore/OrchardCore.Abstractions/Modules/Manifest/FeatureAttribute.cs @ 3.0.1
namespace OrchardCore.Modules.Manifest;

// Data holder: the compiler only records named arguments, so plain auto-properties serve. Real defaults noted.
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true, Inherited = false)]
public class FeatureAttribute : Attribute
{
    // Real: [';', ',', ' '].
    protected internal static readonly char[] ListDelimiters = [';', ',', ' '];

    public FeatureAttribute()
    {
    }

    public FeatureAttribute(
        string id,
        string description,
        string featureDependencies,
        object defaultTenant,
        object alwaysEnabled,
        object enabledByDependencyOnly)
        => throw new NotSupportedException();

    public FeatureAttribute(
        string id,
        string name,
        string description,
        string featureDependencies,
        object defaultTenant,
        object alwaysEnabled,
        object enabledByDependencyOnly)
        => throw new NotSupportedException();

    public FeatureAttribute(
        string id,
        string name,
        string category,
        string priority,
        string description,
        string featureDependencies,
        object defaultTenant,
        object alwaysEnabled,
        object enabledByDependencyOnly)
        => throw new NotSupportedException();

    // Real: => !string.IsNullOrEmpty(Id).
    public virtual bool Exists => throw new NotSupportedException();

    // Real: the setter throws on null or empty.
    public virtual string Id { get; set; }

    // Real: falls back to Id.
    public virtual string Name { get; set; }

    public virtual string Description { get; set; } = "";

    public virtual string Category { get; set; } = "";

    public virtual string Priority { get; set; } = "0";

    public virtual string[] Dependencies { get; set; } = [];

    public virtual bool DefaultTenantOnly { get; set; }

    public virtual bool IsAlwaysEnabled { get; set; }

    public virtual bool EnabledByDependencyOnly { get; set; }
}
