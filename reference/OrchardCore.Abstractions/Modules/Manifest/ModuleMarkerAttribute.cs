// Mirrors: src/OrchardCore/OrchardCore.Abstractions/Modules/Manifest/ModuleMarkerAttribute.cs @ 3.0.1
namespace OrchardCore.Modules.Manifest;

// Emitted by OrchardCore.Module.Targets into every module assembly.
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = false, Inherited = false)]
public class ModuleMarkerAttribute : ModuleAttribute
{
    public ModuleMarkerAttribute(string id, string type)
    {
        Id = id;
        Type = type;
    }
}
