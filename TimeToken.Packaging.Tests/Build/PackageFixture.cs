using System.IO.Compression;
using System.Reflection;
using System.Xml.Linq;
using TimeToken.Tests.TestSupport;

namespace TimeToken.Tests.Build;

/// <summary>
/// Packs TimeToken.Core and TimeToken.OrchardCore once for a test class, with `dotnet pack --no-build` into a temporary
/// folder, from the build the tests run on (same configuration).
/// </summary>
public sealed class PackageFixture : IDisposable
{
    private readonly string _output = Path.Combine(Path.GetTempPath(), "timetoken-pack-" + Guid.NewGuid().ToString("N"));

    /// <summary>Packs both projects.</summary>
    public PackageFixture()
    {
        Directory.CreateDirectory(_output);
        var configuration = typeof(PackageFixture).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
        Core = Pack("TimeToken.Core", configuration);
        Module = Pack("TimeToken.OrchardCore", configuration);
    }

    /// <summary>The TimeToken.Core package.</summary>
    public Package Core { get; }

    /// <summary>The TimeToken.OrchardCore package.</summary>
    public Package Module { get; }

    /// <inheritdoc />
    public void Dispose() => Directory.Delete(_output, recursive: true);

    private Package Pack(string project, string configuration)
    {
        var (exitCode, output) = DotnetCli.Run(
            RepositoryPaths.Root,
            "pack", Path.Combine(RepositoryPaths.Root, project, project + ".csproj"),
            "-c", configuration, "--no-build", "--nologo", "-o", _output);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"dotnet pack {project} failed ({exitCode}):\n{output}");
        }

        // "<project>.<version>.nupkg": the version starts with a digit, which tells TimeToken.Core.1.0.0 from TimeToken.Core.Extra.1.0.0.
        var path = Assert.Single(Directory.GetFiles(_output, project + ".*.nupkg"), p => char.IsDigit(Path.GetFileName(p)[project.Length + 1]));
        return Package.Read(path);
    }
}

/// <summary>The parts of a .nupkg the tests look at, read with System.IO.Compression.</summary>
public sealed class Package
{
    private Package(IReadOnlyList<(string Id, string Version)> dependencies, IReadOnlyList<string> entries, IReadOnlyDictionary<string, string> textEntries)
    {
        Dependencies = dependencies;
        Entries = entries;
        TextEntries = textEntries;
    }

    /// <summary>Every dependency of every group in the nuspec.</summary>
    public IReadOnlyList<(string Id, string Version)> Dependencies { get; }

    /// <summary>Every file in the package.</summary>
    public IReadOnlyList<string> Entries { get; }

    /// <summary>The text of the .props, .targets and .nuspec files in the package.</summary>
    public IReadOnlyDictionary<string, string> TextEntries { get; }

    internal static Package Read(string path)
    {
        using var zip = ZipFile.OpenRead(path);
        var entries = zip.Entries.Select(e => e.FullName).ToList();
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in zip.Entries.Where(e => e.FullName.EndsWith(".props", StringComparison.Ordinal)
            || e.FullName.EndsWith(".targets", StringComparison.Ordinal)
            || e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)))
        {
            using var reader = new StreamReader(entry.Open());
            texts[entry.FullName] = reader.ReadToEnd();
        }

        var nuspec = XDocument.Parse(texts.Single(t => t.Key.EndsWith(".nuspec", StringComparison.Ordinal)).Value);
        var dependencies = nuspec.Descendants().Where(e => e.Name.LocalName == "dependency")
            .Select(e => ((string)e.Attribute("id")!, (string)e.Attribute("version")!))
            .ToList();
        return new Package(dependencies, entries, texts);
    }
}
