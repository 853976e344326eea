// Mirrors: src/OrchardCore/OrchardCore.Abstractions/Modules/Manifest/ModuleAttribute.cs @ 3.0.1
namespace OrchardCore.Modules.Manifest;

// Data holder, like FeatureAttribute. Real defaults noted.
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = false, Inherited = false)]
public class ModuleAttribute : FeatureAttribute
{
    public ModuleAttribute()
    {
    }

    public ModuleAttribute(
        string id,
        string description,
        string author,
        string semVer,
        string websiteUrl,
        string featureDependencies,
        string tags,
        object defaultTenant,
        object alwaysEnabled,
        object enabledByDependencyOnly)
        => throw new NotSupportedException();

    public ModuleAttribute(
        string id,
        string name,
        string description,
        string author,
        string semVer,
        string websiteUrl,
        string featureDependencies,
        string tags,
        object defaultTenant,
        object alwaysEnabled,
        object enabledByDependencyOnly)
        => throw new NotSupportedException();

    public ModuleAttribute(
        string id,
        string name,
        string category,
        string priority,
        string description,
        string author,
        string semVer,
        string websiteUrl,
        string featureDependencies,
        string tags,
        object defaultTenant,
        object alwaysEnabled,
        object enabledByDependencyOnly)
        => throw new NotSupportedException();

    public ModuleAttribute(
        string id,
        string name,
        string type,
        string category,
        string priority,
        string description,
        string author,
        string semVer,
        string websiteUrl,
        string featureDependencies,
        string tags,
        object defaultTenant,
        object alwaysEnabled,
        object enabledByDependencyOnly)
        => throw new NotSupportedException();

    protected internal static string GetAttributePrefix(Type attributeType) => throw new NotSupportedException();

    // Real: "Module" unless set.
    public virtual string Type { get; protected internal set; } = "Module";

    public virtual string Author { get; set; } = "";

    public virtual string Website { get; set; } = "";

    public virtual string Version { get; set; } = "0.0";

    public virtual string[] Tags { get; set; } = [];

    public virtual List<FeatureAttribute> Features { get; } = [];
}
