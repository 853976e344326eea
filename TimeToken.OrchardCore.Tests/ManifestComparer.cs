using TimeToken.Tests.TestSupport;

namespace TimeToken.Tests.OrchardModule;

/// <summary>
/// Compares the manifest compiled from Manifest.cs (the Module and Feature attributes of the built assembly) with
/// Module.txt, and lists every difference in ids, names, descriptions, categories and dependencies.
/// </summary>
internal static class ManifestComparer
{
    public const string ModuleAttribute = "OrchardCore.Modules.Manifest.ModuleAttribute";
    public const string FeatureAttribute = "OrchardCore.Modules.Manifest.FeatureAttribute";

    private static readonly string[] s_moduleKeys = ["Name", "Author", "Website", "Version", "Description", "Category"];
    private static readonly string[] s_featureKeys = ["Name", "Category", "Description"];

    public static IReadOnlyList<string> Differences(AssemblyMetadata assembly, ModuleTxt moduleTxt)
    {
        var differences = new List<string>();

        var module = Assert.Single(assembly.OfType(ModuleAttribute));
        foreach (var key in s_moduleKeys)
        {
            Compare(differences, $"module {key}", Named(module, key), moduleTxt.Module.GetValueOrDefault(key));
        }

        var features = assembly.OfType(FeatureAttribute).ToDictionary(f => (string)Named(f, "Id")!, StringComparer.Ordinal);
        foreach (var id in features.Keys.Except(moduleTxt.Features.Keys))
        {
            differences.Add($"feature {id}: in Manifest.cs only");
        }

        foreach (var id in moduleTxt.Features.Keys.Except(features.Keys))
        {
            differences.Add($"feature {id}: in Module.txt only");
        }

        foreach (var id in features.Keys.Intersect(moduleTxt.Features.Keys))
        {
            var attribute = features[id];
            var text = moduleTxt.Features[id];
            foreach (var key in s_featureKeys)
            {
                Compare(differences, $"feature {id} {key}", Named(attribute, key), text.GetValueOrDefault(key));
            }

            var fromManifest = ((object?[]?)Named(attribute, "Dependencies") ?? []).Cast<string>().Order(StringComparer.Ordinal);
            var fromText = ModuleTxt.SplitList(text.GetValueOrDefault("Dependencies")).Order(StringComparer.Ordinal);
            Compare(differences, $"feature {id} Dependencies", string.Join(", ", fromManifest), string.Join(", ", fromText));
        }

        return differences;
    }

    private static object? Named(AttributeData attribute, string name) => attribute.Named.GetValueOrDefault(name);

    private static void Compare(List<string> differences, string what, object? manifest, string? text)
    {
        if (!string.Equals(manifest as string ?? "", text ?? "", StringComparison.Ordinal))
        {
            differences.Add($"{what}: Manifest.cs has '{manifest}', Module.txt has '{text}'");
        }
    }
}
