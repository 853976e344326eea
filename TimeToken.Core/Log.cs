using Microsoft.Extensions.Logging;
using TimeToken.Core.Signing;

namespace TimeToken.Core;

/// <summary>
/// Every log message of TimeToken, with stable event ids. Ranges: 1000–1099 signing and keys, 1100–1199 the media
/// gate and file versions, 1200–1299 upload slots, 1300–1399 the Orchard Core module.
/// </summary>
/// <remarks>Security: no message takes a token, a key or a connection string as a parameter.</remarks>
internal static partial class Log
{
    // 1000–1099: signing and keys.
    [LoggerMessage(1000, LogLevel.Information, "Signing key rotated; the active key id is now {KeyId}.")]
    public static partial void KeyRotated(ILogger logger, string keyId);

    [LoggerMessage(1001, LogLevel.Warning, "The stored key ring could not be read ({Reason}); a fresh key ring was made and earlier links no longer verify.")]
    public static partial void KeyRingReplaced(ILogger logger, string reason);

    // 1100–1199: the media gate and file versions.
    [LoggerMessage(1100, LogLevel.Debug, "Media request refused: {Reason}.")]
    public static partial void MediaRequestRefused(ILogger logger, TokenFailure reason);

    // 1200–1299: upload slots.

    // 1300–1399: the Orchard Core module.
}
