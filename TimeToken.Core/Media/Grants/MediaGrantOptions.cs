namespace TimeToken.Core.Media;

/// <summary>How the media gate keeps share-link grants it has looked up.</summary>
public sealed class MediaGrantOptions
{
    /// <summary>
    /// How long, in seconds, a node answers from its cache before asking the grant store again. Default 30. A
    /// revocation empties the entry at once on the node where it is made (and on every node that is told of it); this is
    /// the bound for a node that is not told: it serves a revoked link at most this long. 0 turns the cache off (every
    /// share-link request asks the store).
    /// </summary>
    public int CacheSeconds { get; set; } = 30;
}
