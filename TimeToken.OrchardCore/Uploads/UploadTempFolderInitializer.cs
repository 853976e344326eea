using OrchardCore.Environment.Shell;
using OrchardCore.Modules;
using TimeToken.Core.Uploads;

namespace TimeToken.OrchardCore.Uploads;

/// <summary>
/// When the tenant starts, makes (or checks) its private folder for upload bodies, so an unsafe folder stops the
/// tenant with a clear error before any upload, and deletes the stale files of a crash once, in the background.
/// Orchard runs no hosted service per tenant; this is the tenant's counterpart of TimeToken.Core's start-up check.
/// </summary>
internal sealed class UploadTempFolderInitializer : ModularTenantEvents
{
    private readonly IUploadTempFolder _folder;
    private readonly ShellSettings _shellSettings;

    public UploadTempFolderInitializer(IUploadTempFolder folder, ShellSettings shellSettings)
    {
        _folder = folder;
        _shellSettings = shellSettings;
    }

    public override Task ActivatedAsync()
    {
        if (_shellSettings.IsUninitialized())
        {
            return Task.CompletedTask;
        }

        _ = _folder.Prepare();
        return Task.CompletedTask;
    }
}
