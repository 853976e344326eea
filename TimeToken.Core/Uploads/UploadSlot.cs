namespace TimeToken.Core.Uploads;

/// <summary>
/// An upload slot handed to a client: a short-lived URL that accepts one POST, and the limits the server enforces.
/// </summary>
/// <remarks>
/// The URL is relative to the application (or tenant) root, without the path base:
/// <c>/{UploadNamespace}/{slotId}/{token}</c>. Prefix it with the request's path base when the site lives under
/// one. The URL is a bearer credential: whoever holds it may upload once until <see cref="ExpiresAt"/>.
/// </remarks>
public sealed class UploadSlot
{
    /// <summary>Creates a slot description.</summary>
    /// <param name="url">The relative URL to POST to.</param>
    /// <param name="expiresAt">When the slot stops accepting uploads.</param>
    /// <param name="maxBytes">The largest accepted total file size, in bytes.</param>
    /// <param name="allowedExtensions">The allowed extensions (lower case, with their dot); empty for any.</param>
    /// <param name="maxFiles">The number of files one upload may carry.</param>
    public UploadSlot(string url, DateTimeOffset expiresAt, long maxBytes, IReadOnlyList<string> allowedExtensions, int maxFiles)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(allowedExtensions);
        Url = url;
        ExpiresAt = expiresAt;
        MaxBytes = maxBytes;
        AllowedExtensions = allowedExtensions;
        MaxFiles = maxFiles;
    }

    /// <summary>The relative URL to POST to: <c>/{UploadNamespace}/{slotId}/{token}</c>.</summary>
    public string Url { get; }

    /// <summary>When the slot stops accepting uploads (an upload must start before this instant).</summary>
    public DateTimeOffset ExpiresAt { get; }

    /// <summary>The largest accepted total size of the uploaded files, in bytes.</summary>
    public long MaxBytes { get; }

    /// <summary>The allowed file extensions, lower case with their dot; empty when every extension is allowed.</summary>
    public IReadOnlyList<string> AllowedExtensions { get; }

    /// <summary>The number of files one upload may carry.</summary>
    public int MaxFiles { get; }
}
