namespace TimeToken.Core.Media;

/// <summary>What <see cref="IMediaUrlSigner.Sign"/> gave: the URL, whether it carries a token, and until when.</summary>
/// <remarks>
/// Three outcomes: signed (<see cref="IsSigned"/>; <see cref="Url"/> carries <see cref="Token"/>), not signed because
/// the file is in the public namespace (<see cref="Url"/> without token), and not signed because the path is not a
/// valid media path (<see cref="Url"/> is <see langword="null"/>, or the request's own
/// <see cref="MediaUrlRequest.PublicUrl"/> unchanged, which the gate refuses).
/// </remarks>
public readonly record struct MediaUrlResult
{
    /// <summary>A result.</summary>
    /// <param name="url">The URL, or <see langword="null"/>.</param>
    /// <param name="token">The token in the URL, or <see langword="null"/> when there is none.</param>
    /// <param name="expiry">The link's expiry; ignored without a token.</param>
    /// <param name="cacheLimit">Until when output holding the link may be cached; ignored without a token.</param>
    public MediaUrlResult(string? url, string? token, DateTimeOffset expiry, DateTimeOffset cacheLimit)
    {
        if (token is not null)
        {
            ArgumentNullException.ThrowIfNull(url);
        }

        Url = url;
        Token = token;
        Expiry = token is null ? default : expiry;
        CacheLimit = token is null ? default : cacheLimit;
    }

    /// <summary>
    /// The URL: with the token when <see cref="IsSigned"/>; without it for a file in the public namespace; for an
    /// invalid path <see langword="null"/>, or the request's <see cref="MediaUrlRequest.PublicUrl"/> unchanged.
    /// </summary>
    public string? Url { get; }

    /// <summary>The token the URL carries (the value of its token parameter, URL-safe), or <see langword="null"/>.</summary>
    public string? Token { get; }

    /// <summary>Whether <see cref="Url"/> carries a token.</summary>
    public bool IsSigned => Token is not null;

    /// <summary>
    /// When the link expires, on a multiple of its rounding slack (see <see cref="IMediaUrlSigner"/>); the default
    /// value when not <see cref="IsSigned"/>.
    /// </summary>
    public DateTimeOffset Expiry { get; }

    /// <summary>
    /// Until when output holding this link may be served from a cache: <see cref="Expiry"/> less the link's rounding
    /// slack (for a one-hour link, 5 minutes before it expires), so no cached copy hands out a link about to die. The
    /// default value when not <see cref="IsSigned"/>: nothing to cap.
    /// </summary>
    public DateTimeOffset CacheLimit { get; }
}
