namespace TimeToken.Core.Media;

/// <summary>
/// Signs media paths and URLs with time tokens that the media gate accepts. Paths in the public namespace are
/// returned unsigned.
/// </summary>
/// <remarks>
/// <para>
/// The expiry of a link is <c>ceil((ceil(now) + lifetime) / slack) * slack</c> in unix seconds, where the slack is
/// <c>min(</c><see cref="TimeTokenOptions.CacheWindowSeconds"/><c>, lifetime / 10)</c>, at least 1 second: every render
/// inside one slack yields the identical URL (so browsers and CDNs can cache it), and a link lives at least its
/// lifetime and less than its lifetime plus its slack. The lifetime defaults to
/// <see cref="TimeTokenOptions.TimeoutSeconds"/> and is capped at <see cref="TimeTokenOptions.EffectiveMaxLifetimeSeconds"/>.
/// </para>
/// <para>
/// A path may carry a query (<c>a.jpg?width=100</c>, <c>?v=…</c>): the token parameter is appended last, so Orchard
/// Core's resize pipeline can still add its own <c>token</c>. An existing token parameter is replaced, never
/// duplicated. Signing reads the file version from <see cref="IMediaFileVersionProvider"/>; when that is cached it
/// performs no I/O. A missing file, or a store that cannot answer, still yields a URL, which the gate refuses.
/// </para>
/// </remarks>
public interface IMediaUrlSigner
{
    /// <summary>Signs a storage path.</summary>
    /// <param name="path">The media path, with or without a leading <c>/</c>, optionally followed by <c>?query</c>.</param>
    /// <param name="lifetime">The lifetime of the link; default <see cref="TimeTokenOptions.TimeoutSeconds"/>, capped at the maximum.</param>
    /// <returns>
    /// The normalised path (not escaped) with the token parameter appended, the normalised path alone in the public
    /// namespace, or <see langword="null"/> when the path is not a valid media path.
    /// </returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lifetime"/> is zero or negative.</exception>
    /// <remarks>Blocks on the store when the file's version is not cached; prefer <see cref="SignPathAsync"/> where possible.</remarks>
    string? SignPath(string path, TimeSpan? lifetime = null);

    /// <summary>Signs a storage path without blocking on the store.</summary>
    /// <param name="path">The media path, with or without a leading <c>/</c>, optionally followed by <c>?query</c>.</param>
    /// <param name="lifetime">The lifetime of the link; default <see cref="TimeTokenOptions.TimeoutSeconds"/>, capped at the maximum.</param>
    /// <param name="cancellationToken">Cancels the store look-up.</param>
    /// <returns>As <see cref="SignPath"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lifetime"/> is zero or negative.</exception>
    ValueTask<string?> SignPathAsync(string path, TimeSpan? lifetime = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Builds the full URL of a media file: <paramref name="mediaBaseUrl"/> (trailing <c>/</c> removed), <c>/</c>, each
    /// segment of the normalised path escaped with <see cref="Uri.EscapeDataString(string)"/> (exactly as Orchard Core's
    /// <c>DefaultMediaFileStore.MapPathToPublicUrl</c>), the query of <paramref name="path"/>, and the token.
    /// </summary>
    /// <param name="mediaBaseUrl">The media base, such as <c>/media</c>, <c>/tenant/media</c> or <c>https://cdn.example.com/media</c>.</param>
    /// <param name="path">The media path, optionally followed by <c>?query</c>.</param>
    /// <param name="lifetime">The lifetime of the link; default <see cref="TimeTokenOptions.TimeoutSeconds"/>, capped at the maximum.</param>
    /// <returns>The URL, or <see langword="null"/> when the path is not a valid media path.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lifetime"/> is zero or negative.</exception>
    string? BuildUrl(string mediaBaseUrl, string path, TimeSpan? lifetime = null);

    /// <summary>
    /// Adds the token to a URL that was already built for <paramref name="storagePath"/> (for example by Orchard
    /// Core's <c>MapPathToPublicUrl</c>). Inserted before any <c>#fragment</c>; an existing token parameter is replaced.
    /// </summary>
    /// <param name="publicUrl">The URL of the file.</param>
    /// <param name="storagePath">The storage path the URL was built from (its query, if any, is ignored).</param>
    /// <param name="lifetime">The lifetime of the link; default <see cref="TimeTokenOptions.TimeoutSeconds"/>, capped at the maximum.</param>
    /// <returns>The signed URL; <paramref name="publicUrl"/> unchanged for the public namespace or an invalid path (the gate refuses those).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lifetime"/> is zero or negative.</exception>
    string AddToken(string publicUrl, string storagePath, TimeSpan? lifetime = null);

    /// <summary>Whether a normalised path lies in the public namespace and is served without a token.</summary>
    /// <param name="normalizedPath">A path from <see cref="MediaPath.TryNormalize"/>.</param>
    /// <returns>Whether no token is needed.</returns>
    bool IsPublic(string normalizedPath);

    /// <summary>The expiry a link signed now would get.</summary>
    /// <param name="lifetime">The lifetime of the link; default <see cref="TimeTokenOptions.TimeoutSeconds"/>, capped at the maximum.</param>
    /// <returns>The expiry, on a multiple of the link's rounding slack.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lifetime"/> is zero or negative.</exception>
    DateTimeOffset GetExpiry(TimeSpan? lifetime = null);

    /// <summary>
    /// Until when output holding a link signed now may be served from a cache: the link's expiry less its rounding
    /// slack (for a one-hour link, 5 minutes before it expires), so no cached copy hands out a link about to die.
    /// </summary>
    /// <param name="lifetime">The lifetime of the link; default <see cref="TimeTokenOptions.TimeoutSeconds"/>, capped at the maximum.</param>
    /// <returns>The latest time to serve the cached output.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lifetime"/> is zero or negative.</exception>
    DateTimeOffset GetCacheLimit(TimeSpan? lifetime = null);
}
