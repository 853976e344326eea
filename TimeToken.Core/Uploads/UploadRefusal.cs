namespace TimeToken.Core.Uploads;

/// <summary>
/// Why an upload was refused, apart from its token (a token refusal is logged with its <see cref="Signing.TokenFailure"/>);
/// named only in the Debug log.
/// </summary>
internal enum UploadRefusal
{
    /// <summary>The path below the upload namespace is not <c>/{slotId}/{token}</c>.</summary>
    BadPath,

    /// <summary>The slot is not in the store.</summary>
    UnknownSlot,

    /// <summary>Another upload holds the slot, or it was used.</summary>
    InUseOrUsed,

    /// <summary>Neither POST nor OPTIONS.</summary>
    MethodNotAllowed,

    /// <summary>The body is larger than the slot allows.</summary>
    TooLarge,

    /// <summary>The file extension is not allowed.</summary>
    ExtensionNotAllowed,

    /// <summary>More files than the slot allows.</summary>
    TooManyFiles,

    /// <summary>No file in the body.</summary>
    NoFile,

    /// <summary>A missing, empty or invalid file name.</summary>
    BadFileName,

    /// <summary>The multipart body is malformed or ended early.</summary>
    MalformedBody,

    /// <summary>The slot store could not be reached.</summary>
    StoreUnavailable,

    /// <summary>The handler refused the upload (<see cref="UploadRefusedException"/>).</summary>
    RefusedByHandler,
}
