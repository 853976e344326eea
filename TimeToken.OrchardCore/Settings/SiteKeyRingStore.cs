using System.Text.Json;
using OrchardCore.Settings;
using TimeToken.Core.Signing;

namespace TimeToken.OrchardCore.Settings;

/// <summary>Keeps the protected key ring in the tenant's site settings, property <see cref="TimeTokenKeyRingSettings"/>.</summary>
internal sealed class SiteKeyRingStore : IKeyRingStore
{
    internal const string PropertyName = nameof(TimeTokenKeyRingSettings);

    private readonly ISiteService _siteService;

    public SiteKeyRingStore(ISiteService siteService)
    {
        _siteService = siteService;
    }

    public async Task<string?> LoadAsync(CancellationToken cancellationToken)
    {
        var site = await _siteService.GetSiteSettingsAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        return site.GetOrCreate<TimeTokenKeyRingSettings>().ProtectedKeyRing;
    }

    public async Task SaveAsync(string protectedKeyRing, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(protectedKeyRing);

        // The mutable document of this scope: when the settings page saves the site afterwards, it saves this too.
        var site = await _siteService.LoadSiteSettingsAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        site.Properties[PropertyName] = JsonSerializer.SerializeToNode(new TimeTokenKeyRingSettings { ProtectedKeyRing = protectedKeyRing });
        await _siteService.UpdateSiteSettingsAsync(site).ConfigureAwait(false);
    }
}
