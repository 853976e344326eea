// Mirrors: src/OrchardCore/OrchardCore.Abstractions/Modules/Manifest/ManifestConstants.cs @ 3.0.1
namespace OrchardCore.Modules.Manifest;

public static class ManifestConstants
{
    public const string OrchardCoreVersion = "3.0.1";
}
