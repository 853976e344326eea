using TimeToken.Tests.TestSupport;

namespace TimeToken.Tests.Build;

/// <summary>
/// What Orchard's module-asset targets (the OrchardCore.Module.Targets package) put into the built module assembly.
/// </summary>
public sealed class ModuleAssemblyTests
{
    private const string ModuleName = "TimeToken.OrchardCore";
    private static readonly Lazy<AssemblyMetadata> s_module = new(() => AssemblyMetadata.Read(RepositoryPaths.ModuleAssembly));

    [Fact]
    public void Build_Module_CarriesModuleMarker()
    {
        // Act
        var marker = Assert.Single(s_module.Value.OfType("OrchardCore.Modules.Manifest.ModuleMarkerAttribute"));

        // Assert
        Assert.Equal([ModuleName, "Module"], marker.Arguments);
    }

    [Fact]
    public void Build_Module_EmbedsModuleTxtUnderModuleName()
    {
        // Act
        var resources = s_module.Value.Resources.Keys;

        // Assert
        Assert.Contains($"{ModuleName}.Module.txt", resources);
    }

    [Fact]
    public void Build_Module_OneModuleAssetPerEmbeddedResource()
    {
        // Arrange
        var assets = ModuleAssets();

        // Act
        var resourcesFromAssets = assets
            .Select(a => $"{ModuleName}.{a.RelativePath.Replace('/', '>')}")
            .Order(StringComparer.Ordinal);

        // Assert
        Assert.Equal(s_module.Value.Resources.Keys.Order(StringComparer.Ordinal), resourcesFromAssets);
    }

    [Fact]
    public void Build_Module_EveryAssetPointsAtAFileOfTheModuleProject()
    {
        // Arrange
        var projectDirectory = Path.Combine(RepositoryPaths.Root, ModuleName);

        // Act
        var assets = ModuleAssets();

        // Assert
        Assert.NotEmpty(assets);
        Assert.All(assets, asset =>
            Assert.Equal(
                Path.GetFullPath(Path.Combine(projectDirectory, asset.RelativePath)),
                Path.GetFullPath(asset.FullPath)));
    }

    [Fact]
    public void Build_Module_NoBuildOutputOrSourceEmbedded()
    {
        // Act
        var resources = s_module.Value.Resources.Keys;

        // Assert
        Assert.All(resources, name =>
        {
            Assert.DoesNotContain(">obj>", $">{name}", StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(">bin>", $">{name}", StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("project.assets.json", name, StringComparison.OrdinalIgnoreCase);
            Assert.False(name.EndsWith(".cs", StringComparison.OrdinalIgnoreCase), name);
            Assert.False(name.EndsWith("proj", StringComparison.OrdinalIgnoreCase), name);
        });
    }

    // "Areas\<module>\<relative path>|<full path>"; MSBuild writes the separators of the build machine.
    private static List<(string RelativePath, string FullPath)> ModuleAssets()
        => [.. s_module.Value.OfType("OrchardCore.Modules.Manifest.ModuleAssetAttribute").Select(attribute =>
        {
            var parts = ((string)attribute.Arguments[0]!).Split('|');
            Assert.Equal(2, parts.Length);
            var prefix = $"Areas/{ModuleName}/";
            var modulePath = parts[0].Replace('\\', '/');
            Assert.StartsWith(prefix, modulePath, StringComparison.Ordinal);
            return (modulePath[prefix.Length..], parts[1]);
        })];
}
