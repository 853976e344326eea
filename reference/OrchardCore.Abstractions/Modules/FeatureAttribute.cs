// Mirrors: src/OrchardCore/OrchardCore.Abstractions/Modules/FeatureAttribute.cs @ 3.0.1
namespace OrchardCore.Modules;

// Marks a class as belonging to a feature; data holder, so a real property.
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public class FeatureAttribute : Attribute
{
    public FeatureAttribute(string featureName)
    {
        FeatureName = featureName;
    }

    public string FeatureName { get; set; }
}
