using System.Xml.Linq;

namespace TimeToken.Tests.Build;

/// <summary>
/// The packages a site installs: TimeToken.OrchardCore must depend on the real Orchard Core 3.0.1 packages and
/// never carry an Orchard assembly.
/// </summary>
public sealed class PackageTests : IClassFixture<PackageFixture>
{
    private readonly PackageFixture _packages;

    public PackageTests(PackageFixture packages)
    {
        _packages = packages;
    }

    [Fact]
    public void Pack_Module_DependsOnOrchardCorePackagesAt301()
    {
        // Act
        var orchard = _packages.Module.Dependencies.Where(d => d.Id.StartsWith("OrchardCore.", StringComparison.Ordinal)).ToList();

        // Assert
        Assert.Contains(orchard, d => d.Id == "OrchardCore.Abstractions");
        Assert.Contains(orchard, d => d.Id == "OrchardCore.Module.Targets");
        Assert.All(orchard, d => Assert.Equal("3.0.1", d.Version));
    }

    [Fact]
    public void Pack_Module_EveryOrchardDependencyHasACentralVersion()
    {
        // Arrange: the build restores each of them at the version in Directory.Packages.props.
        var central = XDocument.Load(Path.Combine(TestSupport.RepositoryPaths.Root, "Directory.Packages.props")).Descendants()
            .Where(e => e.Name.LocalName == "PackageVersion" && (string?)e.Attribute("Version") == "$(OrchardCoreVersion)")
            .Select(e => (string)e.Attribute("Include")!)
            .ToHashSet(StringComparer.Ordinal);

        // Act
        var orchard = _packages.Module.Dependencies.Select(d => d.Id).Where(id => id.StartsWith("OrchardCore.", StringComparison.Ordinal));

        // Assert
        Assert.All(orchard, id => Assert.Contains(id, central));
    }

    [Fact]
    public void Pack_Module_DependsOnTimeTokenCore()
    {
        // Act
        var dependencies = _packages.Module.Dependencies.Select(d => d.Id);

        // Assert
        Assert.Contains("TimeToken.Core", dependencies);
    }

    [Fact]
    public void Pack_Core_DependsOnFluidCore()
    {
        // Act
        var dependencies = _packages.Core.Dependencies.Select(d => d.Id);

        // Assert
        Assert.Contains("Fluid.Core", dependencies);
        Assert.DoesNotContain(dependencies, id => id.StartsWith("OrchardCore", StringComparison.Ordinal));
    }

    [Fact]
    public void Pack_Module_LibHoldsOnlyTheModuleAssembly()
    {
        // Act
        var lib = _packages.Module.Entries.Where(e => e.StartsWith("lib/", StringComparison.Ordinal)).ToList();

        // Assert
        Assert.Contains("lib/net10.0/TimeToken.OrchardCore.dll", lib);
        Assert.DoesNotContain(lib, e => Path.GetFileName(e).StartsWith("OrchardCore", StringComparison.OrdinalIgnoreCase));
        Assert.All(lib, e => Assert.StartsWith("TimeToken.OrchardCore.", Path.GetFileName(e), StringComparison.Ordinal));
    }

    [Fact]
    public void Pack_Module_BuildPropsDeclaresModulePackageName()
    {
        // Arrange
        const string PropsPath = "build/TimeToken.OrchardCore.props";
        Assert.Contains(PropsPath, _packages.Module.TextEntries.Keys);

        // Act
        var names = XDocument.Parse(_packages.Module.TextEntries[PropsPath]).Descendants()
            .Where(e => e.Name.LocalName == "ModulePackageNames")
            .Select(e => (string?)e.Attribute("Include"))
            .ToList();

        // Assert: $(MSBuildThisFileName) is the file's name, TimeToken.OrchardCore, in the consuming build.
        var name = Assert.Single(names);
        Assert.True(name is "TimeToken.OrchardCore" or "$(MSBuildThisFileName)", name);
    }
}
