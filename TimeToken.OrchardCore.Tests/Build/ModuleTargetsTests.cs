using TimeToken.Tests.TestSupport;

namespace TimeToken.Tests.Build;

/// <summary>
/// reference/OrchardCore.Module.Targets on a project of its own, built in a temporary folder outside the repository.
/// </summary>
public sealed class ModuleTargetsTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "timetoken-targets-" + Guid.NewGuid().ToString("N"));

    public ModuleTargetsTests()
    {
        Directory.CreateDirectory(Path.Combine(_directory, "Views"));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Build_RazorViewWithoutRazorSdk_FailsWithOC2001()
    {
        // Arrange: a plain Microsoft.NET.Sdk project with a view, importing the targets as NuGet would.
        var targets = Path.Combine(RepositoryPaths.Root, "reference", "OrchardCore.Module.Targets", "OrchardCore.Module.Targets");
        File.WriteAllText(Path.Combine(_directory, "Probe.csproj"), $"""
            <Project>
              <Import Project="Sdk.props" Sdk="Microsoft.NET.Sdk" />
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
              </PropertyGroup>
              <Import Project="{targets}.props" />
              <Import Project="Sdk.targets" Sdk="Microsoft.NET.Sdk" />
              <Import Project="{targets}.targets" />
            </Project>
            """);
        File.WriteAllText(Path.Combine(_directory, "Views", "Index.cshtml"), "<p>probe</p>");

        // Act
        var (exitCode, output) = DotnetCli.Run(_directory, "build", "Probe.csproj", "--nologo", "-v", "quiet");

        // Assert
        Assert.NotEqual(0, exitCode);
        Assert.Contains("OC2001", output, StringComparison.Ordinal);
    }
}
