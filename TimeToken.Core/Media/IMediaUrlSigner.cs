namespace TimeToken.Core.Media;

/// <summary>
/// Signs media URLs with time tokens that the media gate accepts: one call, <see cref="Sign"/>, takes a
/// <see cref="MediaUrlRequest"/> and gives a <see cref="MediaUrlResult"/>. Paths in the public namespace are returned
/// unsigned.
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
/// duplicated.
/// </para>
/// <para>
/// Signing never waits for the store. The token binds the file's version (<see cref="IMediaFileVersionProvider"/>)
/// when it is known now, which on a warm cache or a local file system costs no I/O; otherwise it binds the time the
/// link is made, and the gate serves it while the file was not written after that. A caller that can wait and wants
/// the version bound asks <see cref="IMediaFileVersionProvider.GetVersionAsync"/> for the file first. A missing file,
/// or a store that cannot answer, still yields a URL, which the gate refuses.
/// </para>
/// </remarks>
public interface IMediaUrlSigner
{
    /// <summary>Signs one media URL.</summary>
    /// <param name="request">The path, how its URL is made, and the lifetime.</param>
    /// <returns>The URL, whether it carries a token, and its expiry (see <see cref="MediaUrlResult"/>).</returns>
    /// <exception cref="ArgumentOutOfRangeException">The request's lifetime is zero or negative.</exception>
    MediaUrlResult Sign(in MediaUrlRequest request);
}
