namespace TimeToken.Core.Media;

/// <summary>
/// What the media gate needs to know of a share-link grant: which file it opens, until when, under which download
/// name, and whether it was taken back. The store behind <see cref="IMediaGrantStore"/> keeps more (who, when).
/// </summary>
public sealed class MediaGrant
{
    /// <summary>Creates a grant record.</summary>
    /// <param name="id">The grant id (<see cref="MediaGrantId"/>).</param>
    /// <param name="path">The normalised media path the grant opens.</param>
    /// <param name="expiresAt">When the grant ends; its link is refused from then on.</param>
    /// <param name="downloadName">The name the file is downloaded under, or <see langword="null"/> to serve it as usual.</param>
    /// <param name="revokedAt">When the grant was taken back, or <see langword="null"/>.</param>
    public MediaGrant(string id, string path, DateTimeOffset expiresAt, string? downloadName, DateTimeOffset? revokedAt)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(path);
        Id = id;
        Path = path;
        ExpiresAt = expiresAt;
        DownloadName = downloadName;
        RevokedAt = revokedAt;
    }

    /// <summary>The grant id, signed into the link's token.</summary>
    public string Id { get; }

    /// <summary>The normalised media path the grant opens; a link for any other path is refused.</summary>
    public string Path { get; }

    /// <summary>When the grant ends (the link's expiry).</summary>
    public DateTimeOffset ExpiresAt { get; }

    /// <summary>
    /// The name the file is downloaded under (<c>Content-Disposition: attachment</c>), or <see langword="null"/>.
    /// Security: it is bound to the grant, not to the URL, so a link holder cannot change it; it is checked with
    /// <see cref="MediaDownloadName.IsValid"/> again and encoded (RFC 6266 and 5987) when served.
    /// </summary>
    public string? DownloadName { get; }

    /// <summary>When the grant was taken back, or <see langword="null"/> while it stands.</summary>
    public DateTimeOffset? RevokedAt { get; }

    /// <summary>Whether the grant was taken back.</summary>
    public bool IsRevoked => RevokedAt is not null;
}
