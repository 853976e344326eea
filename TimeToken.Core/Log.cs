using Microsoft.Extensions.Logging;
using TimeToken.Core.Signing;

namespace TimeToken.Core;

/// <summary>
/// Every log message of TimeToken, with stable event ids. Ranges: 1000–1099 signing and keys, 1100–1199 the media
/// gate and file versions, 1200–1299 upload slots. The Orchard Core module has its own, 1300–1399.
/// </summary>
/// <remarks>Security: no message takes a token, a key or a connection string as a parameter.</remarks>
internal static partial class Log
{
    // 1000–1099: signing and keys.
    [LoggerMessage(1000, LogLevel.Information, "Signing key rotated; the active key id is now {KeyId}.")]
    public static partial void KeyRotated(ILogger logger, string keyId);

    [LoggerMessage(1001, LogLevel.Warning, "The stored key ring could not be read ({Reason}); a fresh key ring was made and earlier links no longer verify.")]
    public static partial void KeyRingReplaced(ILogger logger, string reason);

    [LoggerMessage(1002, LogLevel.Information, "Every signing key was revoked ({RevokedKeyIds}); the active key id is now {KeyId}.")]
    public static partial void KeyRingRevoked(ILogger logger, string keyId, string revokedKeyIds);

    [LoggerMessage(1020, LogLevel.Debug, "A token named a key not in the key ring held; the key ring was read again, and its active key id is {KeyId}.")]
    public static partial void KeyRingReloaded(ILogger logger, string keyId);

    [LoggerMessage(1021, LogLevel.Warning, "A token named a key not in the key ring held, and the key ring could not be read again ({Error}); the ring held stays.")]
    public static partial void KeyRingReloadFailed(ILogger logger, string error);

    // 1100–1199: the media gate and file versions.
    [LoggerMessage(1100, LogLevel.Debug, "Media request refused: {Reason}.")]
    public static partial void MediaRequestRefused(ILogger logger, TokenFailure reason);

    [LoggerMessage(1101, LogLevel.Warning, "The media store could not give the version of a file; requests for it are refused until it answers.")]
    public static partial void MediaStoreFailed(ILogger logger, Exception exception);

    [LoggerMessage(1102, LogLevel.Warning, "The media store did not answer within {TimeoutSeconds} seconds; requests for the file are refused until it answers.")]
    public static partial void MediaStoreTimedOut(ILogger logger, double timeoutSeconds);

    [LoggerMessage(1103, LogLevel.Debug, "The file version cache reached its limit of {MaxEntries} entries and was emptied.")]
    public static partial void FileVersionCacheFull(ILogger logger, int maxEntries);

    [LoggerMessage(1104, LogLevel.Debug, "A media path could not be signed: it is not a valid media path.")]
    public static partial void MediaPathNotSigned(ILogger logger);

    // 1105 (a media URL signed without its version after waiting for the store failed) is no longer used: signing
    // never waits for the store. The id is not given to another event.

    // 1150–1159: share-link grants at the gate.
    [LoggerMessage(1150, LogLevel.Warning, "The share-link grant store could not be asked; the link is refused until it answers.")]
    public static partial void MediaGrantStoreFailed(ILogger logger, Exception exception);

    [LoggerMessage(1151, LogLevel.Warning, "A share-link grant holds a download name that is not valid; the file is served as an attachment without it.")]
    public static partial void MediaGrantDownloadNameInvalid(ILogger logger);

    // 1200–1299: upload slots.
    [LoggerMessage(1200, LogLevel.Debug, "Upload refused with status {StatusCode}: {Reason}.")]
    public static partial void UploadRefused(ILogger logger, int statusCode, Uploads.UploadRefusal reason);

    [LoggerMessage(1201, LogLevel.Error, "The upload slot handler '{HandlerName}' failed; the slot was released for a retry unless it has failed too often.")]
    public static partial void UploadHandlerFailed(ILogger logger, string handlerName, Exception exception);

    [LoggerMessage(1202, LogLevel.Warning, "The upload slot store is unavailable ({ExceptionType}).")]
    public static partial void UploadSlotStoreUnavailable(ILogger logger, string exceptionType);

    [LoggerMessage(1203, LogLevel.Warning, "An upload slot could not be {Operation} because the slot store is unavailable; it stays blocked until it expires.")]
    public static partial void UploadSlotStateNotSaved(ILogger logger, string operation);

    [LoggerMessage(1204, LogLevel.Debug, "Upload aborted by the client; the slot was released.")]
    public static partial void UploadAborted(ILogger logger);

    [LoggerMessage(1205, LogLevel.Debug, "Upload slot created for handler '{HandlerName}', expiring at {ExpiresAt:O}.")]
    public static partial void UploadSlotCreated(ILogger logger, string handlerName, DateTimeOffset expiresAt);

    [LoggerMessage(1206, LogLevel.Debug, "Upload accepted by handler '{HandlerName}': {FileCount} file(s), {ByteCount} bytes.")]
    public static partial void UploadAccepted(ILogger logger, string handlerName, int fileCount, long byteCount);

    [LoggerMessage(1207, LogLevel.Warning, "A temporary upload file could not be deleted.")]
    public static partial void UploadTempFileNotDeleted(ILogger logger, Exception exception);

    [LoggerMessage(1208, LogLevel.Error, "An upload failed while its body was received; the slot was released for a retry unless it has failed too often.")]
    public static partial void UploadReceiveFailed(ILogger logger, Exception exception);

    [LoggerMessage(1209, LogLevel.Warning, "A failed upload slot was not released: it has failed {MaxFailedAttempts} times and is spent (it answers like a used slot), or its claim had ended.")]
    public static partial void UploadSlotSpent(ILogger logger, int maxFailedAttempts);

    [LoggerMessage(1210, LogLevel.Debug, "{Count} stale temporary upload file(s) deleted.")]
    public static partial void UploadStaleTempFilesDeleted(ILogger logger, int count);

    [LoggerMessage(1211, LogLevel.Debug, "Upload refused with status {StatusCode}: the slot token failed ({Reason}).")]
    public static partial void UploadTokenRefused(ILogger logger, int statusCode, TokenFailure reason);
}
