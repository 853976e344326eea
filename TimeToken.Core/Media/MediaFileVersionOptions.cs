namespace TimeToken.Core.Media;

/// <summary>Settings of the file-version cache behind signing and the gate.</summary>
public sealed class MediaFileVersionOptions
{
    /// <summary>
    /// How long a file's version is kept before the store is asked again, in seconds. Default 30. Media events
    /// (created, moved, deleted) invalidate entries at once; this bounds the delay for changes made behind the
    /// application's back.
    /// </summary>
    public int CacheSeconds { get; set; } = 30;

    /// <summary>
    /// The most paths kept in the cache. Default 10,000. Paths on the verify path come from requests, so the cache
    /// is bounded: when it is full, expired entries and entries of missing files are dropped first, then everything.
    /// </summary>
    public int MaxCacheEntries { get; set; } = 10_000;

    /// <summary>How long one store look-up may take, in seconds, before the request is refused. Default 5.</summary>
    public double StoreTimeoutSeconds { get; set; } = 5;
}
