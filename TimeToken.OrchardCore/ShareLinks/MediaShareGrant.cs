namespace TimeToken.OrchardCore.ShareLinks;

/// <summary>
/// A share link, as stored in the tenant's database (a YesSql document, indexed by <see cref="MediaShareGrantIndex"/>):
/// which file, for whom it was made and by whom, until when, under which download name, and whether it was revoked.
/// The link itself is never stored: it is handed out once, and anyone holding it can open the file.
/// </summary>
public sealed class MediaShareGrant
{
    /// <summary>The YesSql document id.</summary>
    public long Id { get; set; }

    /// <summary>The grant id signed into the link's token (22 random base64url characters).</summary>
    public string GrantId { get; set; } = string.Empty;

    /// <summary>The normalised media path of the shared file.</summary>
    public string Path { get; set; } = string.Empty;

    /// <summary>The id of the user who shared the file.</summary>
    public string OwnerUserId { get; set; } = string.Empty;

    /// <summary>The name of the user who shared the file.</summary>
    public string OwnerUserName { get; set; } = string.Empty;

    /// <summary>When the link was made (UTC).</summary>
    public DateTime CreatedUtc { get; set; }

    /// <summary>When the link stops working (UTC).</summary>
    public DateTime ExpiresUtc { get; set; }

    /// <summary>The name the file is downloaded under, or <see langword="null"/>.</summary>
    public string? DownloadName { get; set; }

    /// <summary>When the link was revoked (UTC), or <see langword="null"/>.</summary>
    public DateTime? RevokedUtc { get; set; }

    /// <summary>The name of the user who revoked the link, or <see langword="null"/>.</summary>
    public string? RevokedByUserName { get; set; }
}
