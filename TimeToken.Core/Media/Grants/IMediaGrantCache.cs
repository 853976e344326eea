namespace TimeToken.Core.Media;

/// <summary>
/// The node's cache of share-link grants the gate has looked up. Whoever revokes a grant tells it here, so the next
/// request on this node asks the store again; other nodes are bounded by <see cref="MediaGrantOptions.CacheSeconds"/>
/// unless they are told too.
/// </summary>
public interface IMediaGrantCache
{
    /// <summary>Forgets one grant: the next request for it asks the store.</summary>
    /// <param name="grantId">The grant id.</param>
    void Invalidate(string grantId);

    /// <summary>Forgets every grant.</summary>
    void InvalidateAll();
}
