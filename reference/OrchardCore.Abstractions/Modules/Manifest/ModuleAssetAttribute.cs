// Mirrors: src/OrchardCore/OrchardCore.Abstractions/Modules/Manifest/ModuleAssetAttribute.cs @ 3.0.1
namespace OrchardCore.Modules.Manifest;

// Emitted by OrchardCore.Module.Targets, one per embedded asset: "Areas\<module>\<relative path>|<full path>".
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true, Inherited = false)]
public class ModuleAssetAttribute : Attribute
{
    public ModuleAssetAttribute(string asset)
    {
        Asset = asset;
    }

    public string Asset { get; }
}
