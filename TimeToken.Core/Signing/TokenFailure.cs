namespace TimeToken.Core.Signing;

/// <summary>
/// Why a request was refused. Only the Debug log names it: the client sees the same status and body for every
/// reason.
/// </summary>
internal enum TokenFailure
{
    /// <summary>Nothing failed.</summary>
    None = 0,

    /// <summary>The path is malformed: a dot segment, a backslash, an encoded separator, a control character, an empty segment or too long.</summary>
    BadPath,

    /// <summary>The token parameter is missing.</summary>
    Missing,

    /// <summary>The token parameter appears more than once, or in array form (<c>tt[]=</c>).</summary>
    Ambiguous,

    /// <summary>The token parameter is empty or does not have the shape of a token.</summary>
    Malformed,

    /// <summary>The key id is not in the key ring, or its grace period is over.</summary>
    UnknownKey,

    /// <summary>The expiry has passed.</summary>
    Expired,

    /// <summary>The expiry is further away than the maximum lifetime plus its rounding slack.</summary>
    TooFarAhead,

    /// <summary>The file does not exist, so it has no version.</summary>
    NoFile,

    /// <summary>The MAC does not match: a changed path, file version, expiry, key or purpose.</summary>
    BadSignature,

    /// <summary>The file store could not be asked for the file's version.</summary>
    StoreUnavailable,

    /// <summary>A link made before its file's version was known, for a file written after the link was made.</summary>
    ChangedSinceIssued,

    /// <summary>A share link whose grant is unknown, ended, or for another file.</summary>
    GrantNotFound,

    /// <summary>A share link whose grant was taken back.</summary>
    GrantRevoked,

    /// <summary>The grant store could not be asked for a share link's grant.</summary>
    GrantStoreUnavailable,
}
