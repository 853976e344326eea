namespace TimeToken.Core.Media;

/// <summary>
/// Gives the version of a media file, the value bound into every media token, from a short-lived cache in front of
/// an <see cref="IMediaFileInfoSource"/>.
/// </summary>
/// <remarks>
/// <para>
/// The version (<see cref="MediaFileVersion"/>) is the last write time to the tick the store reports and the length in
/// bytes. Replacing or touching a file therefore revokes its links once the cache entry is invalidated or expires: at once for media events, within
/// <see cref="MediaFileVersionOptions.LocalCacheSeconds"/> (1 s) on a local file system, within
/// <see cref="MediaFileVersionOptions.CacheSeconds"/> + <see cref="MediaFileVersionOptions.StaleSeconds"/> (60 s) on a
/// remote store.
/// </para>
/// <para>
/// A warm cache answers without any store I/O, so producing URLs never performs I/O per URL; synchronous callers use
/// <see cref="TryGetVersion"/>, which never waits for a store.
/// </para>
/// </remarks>
public interface IMediaFileVersionProvider
{
    /// <summary>Gets the version of a file.</summary>
    /// <param name="normalizedPath">A path from <see cref="MediaPath.TryNormalize"/>.</param>
    /// <param name="cancellationToken">Cancels the look-up.</param>
    /// <returns>The version, or <see langword="null"/> when no file exists at the path.</returns>
    /// <exception cref="MediaStoreUnavailableException">The store failed or did not answer in time.</exception>
    ValueTask<MediaFileVersion?> GetVersionAsync(string normalizedPath, CancellationToken cancellationToken);

    /// <summary>
    /// Gets the version of a file without waiting for the store: from the cache (stale within its bound), or from a
    /// store that answers at once (a local file system). Otherwise a look-up starts in the background and fills the
    /// cache for the next call.
    /// </summary>
    /// <param name="normalizedPath">A path from <see cref="MediaPath.TryNormalize"/>.</param>
    /// <param name="version">The version, or <see langword="null"/> when no file exists at the path.</param>
    /// <returns>Whether the version is known now.</returns>
    bool TryGetVersion(string normalizedPath, out MediaFileVersion? version);

    /// <summary>
    /// Reads a file's version from the store again, for a request whose link does not match the cached version
    /// (another node may have seen the file change first). At most once per path and second; more often the cached
    /// version is returned.
    /// </summary>
    /// <param name="normalizedPath">A path from <see cref="MediaPath.TryNormalize"/>.</param>
    /// <param name="cancellationToken">Cancels the look-up.</param>
    /// <returns>The version, or <see langword="null"/> when no file exists at the path.</returns>
    /// <exception cref="MediaStoreUnavailableException">The store failed or did not answer in time.</exception>
    ValueTask<MediaFileVersion?> RefreshAsync(string normalizedPath, CancellationToken cancellationToken);

    /// <summary>Forgets the cached version of one file (it was created, replaced or deleted).</summary>
    /// <param name="path">The media path; ignored when invalid.</param>
    void Invalidate(string path);

    /// <summary>Forgets the cached versions of every file in a folder (it was moved or deleted).</summary>
    /// <param name="folder">The media folder; an empty or invalid folder forgets every cached version.</param>
    void InvalidatePrefix(string folder);
}
