namespace TimeToken.OrchardCore.Uploads.Api;

/// <summary>
/// What a GraphQL or JSON API client asks for. Either <see cref="Folder"/> (a slot into a media folder) or
/// <see cref="ContentItemId"/> and <see cref="Field"/> (a slot onto a content item's media field) is used, by the
/// endpoint or mutation called.
/// </summary>
internal sealed class UploadSlotRequest
{
    /// <summary>The media folder, such as <c>uploads/2026</c>; empty for the root. For a content item: optional.</summary>
    public string? Folder { get; set; }

    /// <summary>The content item whose media field receives the file.</summary>
    public string? ContentItemId { get; set; }

    /// <summary>The part holding the field; default the part named as the content type (where a type's own fields live).</summary>
    public string? Part { get; set; }

    /// <summary>The media field's name.</summary>
    public string? Field { get; set; }

    /// <summary>Replace the field's files instead of appending (a single-file field is always replaced).</summary>
    public bool Replace { get; set; }

    /// <summary>Allowed extensions, each with its dot (<c>.pdf</c>); default those of the media library.</summary>
    public IReadOnlyList<string>? Extensions { get; set; }

    /// <summary>The largest file in bytes; default and cap the media library's <c>MaxFileSize</c>.</summary>
    public long? MaxBytes { get; set; }

    /// <summary>The slot's lifetime in seconds; default the link lifetime, capped by the longest lifetime.</summary>
    public int? LifetimeSeconds { get; set; }
}

/// <summary>The slot handed to a client, as JSON (<c>url</c>, <c>expiresAt</c>, <c>maxBytes</c>, <c>allowedExtensions</c>) and as the GraphQL type <c>UploadSlot</c>.</summary>
/// <param name="Url">The URL to POST the file to, starting with the tenant's path base.</param>
/// <param name="ExpiresAt">When the slot stops accepting an upload.</param>
/// <param name="MaxBytes">The largest accepted file.</param>
/// <param name="AllowedExtensions">The accepted extensions; empty for any.</param>
internal sealed record UploadSlotResponse(string Url, DateTimeOffset ExpiresAt, long MaxBytes, IReadOnlyList<string> AllowedExtensions);

/// <summary>How a request for a slot ended.</summary>
internal enum UploadSlotRequestStatus
{
    /// <summary>The slot was created.</summary>
    Created,

    /// <summary>An input is invalid; <see cref="UploadSlotRequestResult.Field"/> names it.</summary>
    Invalid,

    /// <summary>The caller lacks a permission.</summary>
    Forbidden,

    /// <summary>The content item does not exist (or is not visible as the latest version).</summary>
    NotFound,

    /// <summary>The slot store (Redis) is unreachable.</summary>
    Unavailable,
}

/// <summary>The outcome of a request for a slot.</summary>
internal sealed class UploadSlotRequestResult
{
    private UploadSlotRequestResult(UploadSlotRequestStatus status, UploadSlotResponse? slot, string? field, string message)
    {
        Status = status;
        Slot = slot;
        Field = field;
        Message = message;
    }

    public UploadSlotRequestStatus Status { get; }

    public UploadSlotResponse? Slot { get; }

    /// <summary>The input at fault (its GraphQL argument and JSON property name).</summary>
    public string? Field { get; }

    /// <summary>A message for the client; names no server detail.</summary>
    public string Message { get; }

    public static UploadSlotRequestResult Created(UploadSlotResponse slot) => new(UploadSlotRequestStatus.Created, slot, null, string.Empty);

    public static UploadSlotRequestResult Invalid(string field, string message) => new(UploadSlotRequestStatus.Invalid, null, field, message);

    public static UploadSlotRequestResult Forbidden(string message) => new(UploadSlotRequestStatus.Forbidden, null, null, message);

    public static UploadSlotRequestResult NotFound(string field, string message) => new(UploadSlotRequestStatus.NotFound, null, field, message);

    public static UploadSlotRequestResult Unavailable() => new(UploadSlotRequestStatus.Unavailable, null, null, "The upload slot store is unavailable; try again later.");
}
