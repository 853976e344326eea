// Mirrors: src/OrchardCore/OrchardCore.Abstractions/Shell/Extensions/ShellSettingsExtensions.cs @ 3.0.1
namespace OrchardCore.Environment.Shell;

public static class ShellSettingsExtensions
{
    public static bool IsUninitialized(this ShellSettings settings) => throw new NotSupportedException();
}
