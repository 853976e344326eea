using OrchardCore.Environment.Shell;
using OrchardCore.Modules;
using TimeToken.Core.Signing;

namespace TimeToken.OrchardCore.Settings;

/// <summary>
/// Reads (or makes and saves) the tenant's key ring when the tenant starts, as Orchard Core's media module does for
/// its own token key, so the first request does not wait for it and two requests never race to make the first ring.
/// </summary>
internal sealed class KeyRingInitializer : ModularTenantEvents
{
    private readonly ISigningKeyManager _keys;
    private readonly ShellSettings _shellSettings;

    public KeyRingInitializer(ISigningKeyManager keys, ShellSettings shellSettings)
    {
        _keys = keys;
        _shellSettings = shellSettings;
    }

    public override async Task ActivatedAsync()
    {
        // A tenant that is not set up yet has no database session, so the site settings cannot be read.
        if (_shellSettings.IsUninitialized())
        {
            return;
        }

        await _keys.GetActiveKeyAsync(CancellationToken.None).ConfigureAwait(false);
    }
}
