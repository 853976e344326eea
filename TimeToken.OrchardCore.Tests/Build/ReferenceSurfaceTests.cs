using TimeToken.Tests.TestSupport;

namespace TimeToken.Tests.Build;

/// <summary>Rules for the compile-only Orchard Core surface under reference/.</summary>
public sealed class ReferenceSurfaceTests
{
    [Fact]
    public void ReadSources_EveryReferenceFile_StartsWithItsMirrorsLine()
    {
        // Arrange
        var reference = Path.Combine(RepositoryPaths.Root, "reference");

        // Act
        var files = Directory.EnumerateFiles(reference, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
            .ToList();

        // Assert
        Assert.NotEmpty(files);
        Assert.All(files, file =>
        {
            var first = File.ReadLines(file).FirstOrDefault() ?? "";
            Assert.Matches(@"^// Mirrors: src/OrchardCore[^ ]*/[^ ]+\.cs @ 3\.0\.1$", first);
        });
    }

    [Fact]
    public void ReadProjects_EveryReferenceProject_IsVersion301AndNotPackable()
    {
        // Arrange
        var props = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "reference", "Directory.Build.props"));

        // Act
        var projects = Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "reference"), "*.csproj", SearchOption.AllDirectories);

        // Assert
        Assert.NotEmpty(projects);
        Assert.Contains("<AssemblyVersion>3.0.1.0</AssemblyVersion>", props, StringComparison.Ordinal);
        Assert.Contains("<IsPackable>false</IsPackable>", props, StringComparison.Ordinal);
        Assert.All(projects, project =>
        {
            var text = File.ReadAllText(project);
            Assert.DoesNotContain("<AssemblyVersion>", text, StringComparison.Ordinal);
            Assert.DoesNotContain("<IsPackable>true", text, StringComparison.Ordinal);
        });
    }
}
