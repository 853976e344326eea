namespace TimeToken.Core.Media;

/// <summary>
/// What to sign (<see cref="IMediaUrlSigner.Sign"/>): a media path, how its URL is made, and how long the link lives.
/// Made with <see cref="ForPath"/>, <see cref="UnderBase"/> or <see cref="ForUrl"/>; the lifetime is set with
/// <c>with { Lifetime = … }</c>.
/// </summary>
/// <remarks>
/// A value: two requests with the same members are the same request, and the signer may give the same URL for both
/// while nothing it was made from has changed. Whatever a link binds (the path, and in time more, such as a grant or a
/// download name) is a member of the request, so one call signs it on any node.
/// </remarks>
public readonly record struct MediaUrlRequest
{
    private MediaUrlRequest(string path, string? mediaBaseUrl, string? publicUrl)
    {
        Path = path;
        MediaBaseUrl = mediaBaseUrl;
        PublicUrl = publicUrl;
    }

    /// <summary>The media path, with or without a leading <c>/</c>, optionally followed by <c>?query</c> (kept in the URL unless <see cref="PublicUrl"/> is set).</summary>
    public string Path { get; }

    /// <summary>The media base the URL is built below (<see cref="UnderBase"/>), or <see langword="null"/>.</summary>
    public string? MediaBaseUrl { get; }

    /// <summary>A URL already built for <see cref="Path"/> that gets the token (<see cref="ForUrl"/>), or <see langword="null"/>.</summary>
    public string? PublicUrl { get; }

    /// <summary>
    /// The lifetime of the link; <see langword="null"/> (the default) for <see cref="TimeTokenOptions.TimeoutSeconds"/>.
    /// Capped at <see cref="TimeTokenOptions.EffectiveMaxLifetimeSeconds"/>; zero or negative is refused by the signer
    /// with <see cref="ArgumentOutOfRangeException"/>.
    /// </summary>
    public TimeSpan? Lifetime { get; init; }

    /// <summary>
    /// The signed URL is the normalised path (not escaped), its query, and the token: <c>docs/a.pdf?tt=…</c>.
    /// </summary>
    /// <param name="path">The media path, optionally followed by <c>?query</c>.</param>
    /// <returns>The request.</returns>
    public static MediaUrlRequest ForPath(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return new MediaUrlRequest(path, null, null);
    }

    /// <summary>
    /// The signed URL is <paramref name="mediaBaseUrl"/> (trailing <c>/</c> removed), <c>/</c>, each segment of the
    /// normalised path escaped with <see cref="Uri.EscapeDataString(string)"/> (exactly as Orchard Core's
    /// <c>DefaultMediaFileStore.MapPathToPublicUrl</c>), the query of <paramref name="path"/>, and the token.
    /// </summary>
    /// <param name="mediaBaseUrl">The media base, such as <c>/media</c>, <c>/tenant/media</c> or <c>https://cdn.example.com/media</c>.</param>
    /// <param name="path">The media path, optionally followed by <c>?query</c>.</param>
    /// <returns>The request.</returns>
    public static MediaUrlRequest UnderBase(string mediaBaseUrl, string path)
    {
        ArgumentNullException.ThrowIfNull(mediaBaseUrl);
        ArgumentNullException.ThrowIfNull(path);
        return new MediaUrlRequest(path, mediaBaseUrl, null);
    }

    /// <summary>
    /// The signed URL is <paramref name="publicUrl"/>, already built for <paramref name="storagePath"/> (for example by
    /// Orchard Core's <c>MapPathToPublicUrl</c>), with the token inserted before any <c>#fragment</c>; an existing token
    /// parameter is replaced.
    /// </summary>
    /// <param name="publicUrl">The URL of the file.</param>
    /// <param name="storagePath">The storage path the URL was built from (its query, if any, is ignored).</param>
    /// <returns>The request.</returns>
    public static MediaUrlRequest ForUrl(string publicUrl, string storagePath)
    {
        ArgumentNullException.ThrowIfNull(publicUrl);
        ArgumentNullException.ThrowIfNull(storagePath);
        return new MediaUrlRequest(storagePath, null, publicUrl);
    }
}
