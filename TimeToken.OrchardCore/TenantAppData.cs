using OrchardCore.Environment.Shell;

namespace TimeToken.OrchardCore;

/// <summary>The tenant's own folder of App_Data, where the module keeps what must not be under the web root.</summary>
internal static class TenantAppData
{
    /// <summary>The folder as Orchard makes it: <c>App_Data/Sites/{tenant}</c> (the tenant's media are below it too).</summary>
    public static string Folder(ShellOptions shellOptions, ShellSettings shellSettings)
        => Path.Combine(shellOptions.ShellsApplicationDataPath, shellOptions.ShellsContainerName, shellSettings.Name);
}
