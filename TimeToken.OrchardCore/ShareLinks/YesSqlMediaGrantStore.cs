using TimeToken.Core.Media;
using YesSql;

namespace TimeToken.OrchardCore.ShareLinks;

/// <summary>
/// The gate's grant store: the tenant's database, read in a session of its own (the gate runs before any scope of
/// the request needs one). Asked only for share links with a valid MAC, through the node's <see cref="IMediaGrantCache"/>.
/// </summary>
[global::OrchardCore.Modules.Feature(FeatureIds.ShareLinks)]
internal sealed class YesSqlMediaGrantStore : IMediaGrantStore
{
    private readonly IStore _store;

    public YesSqlMediaGrantStore(IStore store)
    {
        _store = store;
    }

    public async ValueTask<MediaGrant?> FindAsync(string grantId, CancellationToken cancellationToken)
    {
        await using var session = _store.CreateSession(withTracking: false);
        var grant = await session.Query<MediaShareGrant, MediaShareGrantIndex>(index => index.GrantId == grantId).FirstOrDefaultAsync(cancellationToken);
        return grant is null ? null : ToMediaGrant(grant);
    }

    internal static MediaGrant ToMediaGrant(MediaShareGrant grant) => new(
        grant.GrantId,
        grant.Path,
        new DateTimeOffset(DateTime.SpecifyKind(grant.ExpiresUtc, DateTimeKind.Utc)),
        grant.DownloadName,
        grant.RevokedUtc is { } revoked ? new DateTimeOffset(DateTime.SpecifyKind(revoked, DateTimeKind.Utc)) : null);
}
