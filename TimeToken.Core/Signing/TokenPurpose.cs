namespace TimeToken.Core.Signing;

/// <summary>
/// What a token authorises. Each purpose is a distinct, versioned domain-separation string inside the signed
/// message, so a token made for one purpose never verifies for another.
/// </summary>
internal enum TokenPurpose
{
    /// <summary>Reading one media file (<c>media-v1</c>).</summary>
    Media = 0,

    /// <summary>Posting to one upload slot (<c>upload-v1</c>).</summary>
    Upload = 1,

    /// <summary>
    /// Reading one media file not written since the link was made (<c>media-at-v1</c>): the version field holds the
    /// time the link was made, for links signed before the file's version was known.
    /// </summary>
    MediaIssuedAt = 2,

    /// <summary>
    /// Reading one media file through a share link (<c>media-grant-v1</c>): as <see cref="Media"/>, with the grant id
    /// as a sixth field of the signed message, so the gate asks whether the grant still stands.
    /// </summary>
    MediaGrant = 3,
}
