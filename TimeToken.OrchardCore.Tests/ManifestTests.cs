using System.Text;
using TimeToken.Tests.TestSupport;

namespace TimeToken.Tests.OrchardModule;

public sealed class ManifestTests
{
    private static readonly Lazy<AssemblyMetadata> s_module = new(() => AssemblyMetadata.Read(RepositoryPaths.ModuleAssembly));

    [Fact]
    public void Compare_BuiltManifestAndEmbeddedModuleTxt_NoDifferences()
    {
        // Arrange
        var moduleTxt = ModuleTxt.Parse(EmbeddedModuleTxt());

        // Act
        var differences = ManifestComparer.Differences(s_module.Value, moduleTxt);

        // Assert
        Assert.Empty(differences);
    }

    [Theory]
    [InlineData("Dependencies: TimeToken.OrchardCore, OrchardCore.Media", "Dependencies: TimeToken.OrchardCore")]
    [InlineData("TimeToken.OrchardCore.UploadSlots:", "TimeToken.OrchardCore.Uploads:")]
    [InlineData("Name: Time-token media", "Name: Signed media")]
    [InlineData("Name: Time Token", "Name: TimeToken")]
    public void Compare_ModuleTxtChanged_ReportsDifference(string original, string changed)
    {
        // Arrange
        var text = EmbeddedModuleTxt();
        Assert.Contains(original, text, StringComparison.Ordinal);
        var moduleTxt = ModuleTxt.Parse(text.Replace(original, changed, StringComparison.Ordinal));

        // Act
        var differences = ManifestComparer.Differences(s_module.Value, moduleTxt);

        // Assert
        Assert.NotEmpty(differences);
    }

    [Fact]
    public void ReadManifest_BuiltAssembly_DeclaresBothFeaturesWithOrchardMediaDependency()
    {
        // Act
        var features = s_module.Value.OfType(ManifestComparer.FeatureAttribute)
            .ToDictionary(f => (string)f.Named["Id"]!, f => (object?[])f.Named["Dependencies"]!);

        // Assert
        Assert.Equal(["OrchardCore.Media"], features["TimeToken.OrchardCore"]);
        Assert.Equal(["TimeToken.OrchardCore", "OrchardCore.Media"], features["TimeToken.OrchardCore.UploadSlots"]);
        Assert.Equal(["TimeToken.OrchardCore.UploadSlots", "OrchardCore.Contents"], features["TimeToken.OrchardCore.UploadSlots.Api"]);
        Assert.Equal(["TimeToken.OrchardCore", "OrchardCore.Media"], features["TimeToken.OrchardCore.ShareLinks"]);
    }

    [Fact]
    public void ReadModuleTxt_SourceFile_SameAsEmbeddedCopy()
    {
        // Arrange
        var source = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "TimeToken.OrchardCore", "Module.txt"));

        // Act
        var embedded = EmbeddedModuleTxt();

        // Assert
        Assert.Equal(source, embedded);
    }

    private static string EmbeddedModuleTxt()
        => Encoding.UTF8.GetString(s_module.Value.Resources["TimeToken.OrchardCore.Module.txt"]);
}
