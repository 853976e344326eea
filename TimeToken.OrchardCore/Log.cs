using Microsoft.Extensions.Logging;

namespace TimeToken.OrchardCore;

/// <summary>
/// Every log message of the Orchard Core module, with stable event ids in 1300–1399 (TimeToken.Core uses 1000–1299).
/// </summary>
/// <remarks>Security: no message takes a token, a key or a connection string as a parameter.</remarks>
internal static partial class Log
{
    [LoggerMessage(1300, LogLevel.Debug, "Media event: the cached version of '{Path}' was forgotten.")]
    public static partial void MediaFileVersionInvalidated(ILogger logger, string path);

    [LoggerMessage(1301, LogLevel.Debug, "Media event: the cached versions below '{Path}' were forgotten.")]
    public static partial void MediaFolderVersionsInvalidated(ILogger logger, string path);

    [LoggerMessage(1302, LogLevel.Warning, "The time-token site settings are invalid ({Errors}); the defaults are used until they are corrected on the settings page.")]
    public static partial void SiteSettingsInvalid(ILogger logger, string errors);

    [LoggerMessage(1303, LogLevel.Information, "The signing key was rotated from the settings page.")]
    public static partial void KeyRotatedFromSettings(ILogger logger);

    [LoggerMessage(1304, LogLevel.Information, "A media cache under the web root, served there without a token, was deleted: {Folder}.")]
    public static partial void WebRootMediaCacheDeleted(ILogger logger, string folder);

    [LoggerMessage(1305, LogLevel.Information, "Audit: every signing key was revoked by user '{UserName}' (id '{UserId}') at {RevokedAt:O}; the keys {RevokedKeyIds} no longer verify any link or upload slot, and the new key is {KeyId}.")]
    public static partial void SigningKeysRevoked(ILogger logger, string userId, string userName, DateTimeOffset revokedAt, string revokedKeyIds, string keyId);

    [LoggerMessage(1310, LogLevel.Information, "Upload slot handed out through {Channel} to {Caller}: handler '{HandlerName}', target '{Target}', expiring at {ExpiresAt:O}.")]
    public static partial void UploadSlotHandedOut(ILogger logger, string channel, string caller, string handlerName, string target, DateTimeOffset expiresAt);

    [LoggerMessage(1311, LogLevel.Information, "Upload slot refused through {Channel} to {Caller}: {Reason} (target '{Target}').")]
    public static partial void UploadSlotRequestRefused(ILogger logger, string channel, string caller, string reason, string target);

    [LoggerMessage(1312, LogLevel.Information, "Upload stored as '{Path}' and set on media field '{Part}.{Field}' of content item '{ContentItemId}' ({Outcome}).")]
    public static partial void UploadAttachedToContentItem(ILogger logger, string path, string part, string field, string contentItemId, string outcome);

    [LoggerMessage(1313, LogLevel.Information, "Upload refused: the content item '{ContentItemId}' or its media field '{Part}.{Field}' no longer exists.")]
    public static partial void UploadTargetGone(ILogger logger, string contentItemId, string part, string field);

    [LoggerMessage(1314, LogLevel.Warning, "The upload stored as '{Path}' was deleted again because the content item could not be saved.")]
    public static partial void UploadRolledBack(ILogger logger, string path, Exception exception);

    [LoggerMessage(1330, LogLevel.Debug, "Tokens were removed from the media links of {Count} strings of content item '{ContentItemId}' before it was stored.")]
    public static partial void ContentTokensRemoved(ILogger logger, string contentItemId, int count);

    [LoggerMessage(1331, LogLevel.Debug, "The media links of shape '{ShapeType}' were signed for display.")]
    public static partial void RichTextSigned(ILogger logger, string shapeType);

    // 1360–1369: share links.
    [LoggerMessage(1360, LogLevel.Information, "Share link {GrantId} made by '{UserName}' for '{Path}', expiring at {ExpiresAt:O}.")]
    public static partial void ShareLinkCreated(ILogger logger, string grantId, string path, string userName, DateTimeOffset expiresAt);

    [LoggerMessage(1361, LogLevel.Information, "Share link {GrantId} for '{Path}' revoked by '{UserName}'.")]
    public static partial void ShareLinkRevoked(ILogger logger, string grantId, string path, string userName);

    [LoggerMessage(1362, LogLevel.Debug, "A share link asked for by '{UserName}' was not made: {Outcome} {Field}.")]
    public static partial void ShareLinkRefused(ILogger logger, string userName, ShareLinks.MediaShareOutcome outcome, string field);
}
