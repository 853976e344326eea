// Mirrors: src/OrchardCore/OrchardCore.Abstractions/Modules/RequireFeaturesAttribute.cs @ 3.0.1
namespace OrchardCore.Modules;

[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public class RequireFeaturesAttribute : Attribute
{
    public RequireFeaturesAttribute(params string[] featureNames)
    {
        RequiredFeatureNames = featureNames;
    }

    public IList<string> RequiredFeatureNames { get; }

    public static IList<string> GetRequiredFeatureNamesForType(Type type) => throw new NotSupportedException();
}
