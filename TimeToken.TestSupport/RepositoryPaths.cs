namespace TimeToken.Tests.TestSupport;

/// <summary>Paths of the repository and of the built module, found from the test output folder.</summary>
internal static class RepositoryPaths
{
    private static readonly Lazy<string> s_root = new(FindRoot);

    /// <summary>The folder holding TimeToken.sln.</summary>
    public static string Root => s_root.Value;

    /// <summary>The module assembly as copied into the test output folder by the project reference.</summary>
    public static string ModuleAssembly => Path.Combine(AppContext.BaseDirectory, "TimeToken.OrchardCore.dll");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "TimeToken.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"TimeToken.sln not found above {AppContext.BaseDirectory}.");
    }
}
