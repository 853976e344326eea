namespace TimeToken.Core.Media;

/// <summary>
/// Signs share links: media links whose token also carries a grant id (purpose <c>media-grant-v1</c>). The caller
/// stores the grant (<see cref="MediaGrant"/>, with the returned path and expiry) before it hands the link out.
/// </summary>
public interface IMediaGrantLinkSigner
{
    /// <summary>Signs a share link to a protected file, bound to the file's current version.</summary>
    /// <param name="mediaBaseUrl">The media base, such as <c>/media</c> or <c>https://example.com/media</c>.</param>
    /// <param name="path">The media path (no query).</param>
    /// <param name="grantId">The grant id (<see cref="MediaGrantId.New"/>).</param>
    /// <param name="lifetime">How long the link lives: positive, at most <see cref="TimeTokenOptions.EffectiveMaxLifetimeSeconds"/>.</param>
    /// <param name="cancellationToken">Cancels the store look-up of the file's version.</param>
    /// <returns>The link, or <see langword="null"/> when the file does not exist.</returns>
    /// <exception cref="ArgumentException">The path is not a valid media path, lies in the public namespace (it needs no link), or the grant id is not one.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lifetime"/> is not positive or longer than the longest lifetime.</exception>
    /// <exception cref="MediaStoreUnavailableException">The media store could not give the file's version.</exception>
    ValueTask<MediaGrantLink?> SignAsync(string mediaBaseUrl, string path, string grantId, TimeSpan lifetime, CancellationToken cancellationToken = default);
}

/// <summary>A signed share link.</summary>
public sealed class MediaGrantLink
{
    /// <summary>Creates a link.</summary>
    /// <param name="url">The URL: the media base, the escaped path and the token parameter.</param>
    /// <param name="path">The normalised media path.</param>
    /// <param name="expiresAt">When the link stops working.</param>
    public MediaGrantLink(string url, string path, DateTimeOffset expiresAt)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(path);
        Url = url;
        Path = path;
        ExpiresAt = expiresAt;
    }

    /// <summary>The URL: the media base, the escaped path and the token parameter. Security: it opens the file to anyone who has it; never log it.</summary>
    public string Url { get; }

    /// <summary>The normalised media path.</summary>
    public string Path { get; }

    /// <summary>When the link stops working: the time it was made, rounded up to the second, plus its lifetime.</summary>
    public DateTimeOffset ExpiresAt { get; }
}
