// Mirrors: src/OrchardCore/OrchardCore.Abstractions/Shell/ShellSettings.cs @ 3.0.1
namespace OrchardCore.Environment.Shell;

// Data holder for tests: Name and RequestUrlPrefix are plain auto-properties here. The real RequestUrlPrefix trims
// ' ' and '/' and reads "" when unset.
public class ShellSettings : IDisposable
{
    public ShellSettings()
    {
    }

    public string Name { get; set; }

    public string RequestUrlPrefix { get; set; }

    public void Dispose() => throw new NotSupportedException();
}
