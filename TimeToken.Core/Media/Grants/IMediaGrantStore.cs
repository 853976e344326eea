namespace TimeToken.Core.Media;

/// <summary>
/// Where the media gate finds share-link grants. It is asked only for a request whose token carries a grant id and
/// whose MAC is valid, through <see cref="IMediaGrantCache"/>; ordinary links never reach it.
/// </summary>
/// <remarks>
/// The default registration finds no grant, so every share link is refused until a host registers a store (the
/// Orchard Core module keeps grants in the tenant's database). A store that throws makes the gate refuse the request.
/// </remarks>
public interface IMediaGrantStore
{
    /// <summary>Finds a grant by its id.</summary>
    /// <param name="grantId">The grant id from a verified token.</param>
    /// <param name="cancellationToken">Cancels the look-up.</param>
    /// <returns>The grant, or <see langword="null"/> when there is none.</returns>
    ValueTask<MediaGrant?> FindAsync(string grantId, CancellationToken cancellationToken);
}

/// <summary>The store of hosts that keep no grants: it finds none, so share links are refused.</summary>
internal sealed class NoMediaGrantStore : IMediaGrantStore
{
    public ValueTask<MediaGrant?> FindAsync(string grantId, CancellationToken cancellationToken) => ValueTask.FromResult<MediaGrant?>(null);
}
