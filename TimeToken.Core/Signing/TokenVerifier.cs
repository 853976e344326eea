using System.Diagnostics.CodeAnalysis;

namespace TimeToken.Core.Signing;

/// <summary>
/// The one way a token is checked, by the media gate and by upload slots alike: its shape, then its key and expiry,
/// then its MAC. The gate looks the file's version up between the last two steps, since the MAC binds it.
/// </summary>
internal static class TokenVerifier
{
    /// <summary>
    /// The checks before the MAC, in order: the text has the shape of a token; its key id names a key of the ring
    /// whose grace period is not over; its expiry has not passed (a token is valid strictly before it) and lies no
    /// further ahead than <see cref="TimeTokenOptions.GracePeriod"/>.
    /// </summary>
    /// <param name="tokenText">The token parameter's value.</param>
    /// <param name="ring">The key ring.</param>
    /// <param name="now">The current time.</param>
    /// <param name="options">The options that bound lifetimes.</param>
    /// <param name="token">The parsed token, when every check passed.</param>
    /// <param name="key">The key to check the MAC with, when every check passed.</param>
    /// <param name="failure">The first check that failed, or <see cref="TokenFailure.None"/>.</param>
    /// <returns>Whether every check passed.</returns>
    public static bool TryCheckBeforeMac(string? tokenText, KeyRing ring, DateTimeOffset now, TimeTokenOptions options, out TokenText token, [NotNullWhen(true)] out SigningKey? key, out TokenFailure failure)
    {
        key = null;
        if (!TokenText.TryParse(tokenText, out token))
        {
            failure = TokenFailure.Malformed;
            return false;
        }

        var grace = options.GracePeriod;
        var expiresAt = token.ExpiresAt;
        failure = TokenFailure.UnknownKey;
        if (!ring.TryGetKey(token.KeyId, out var found) || !KeyRing.IsUsable(found, now, grace))
        {
            return false;
        }

        failure = now >= expiresAt ? TokenFailure.Expired
            : expiresAt > now + grace ? TokenFailure.TooFarAhead
            : TokenFailure.None;
        if (failure != TokenFailure.None)
        {
            return false;
        }

        key = found;
        return true;
    }

    /// <summary>
    /// The MAC of a media token against the file's current version (with its grant id for a share link, whose grant
    /// the caller then looks up), and, for a link made before the version was known (<see cref="TokenText.IsIssuedAt"/>), that the file was not written after the link was made.
    /// </summary>
    /// <param name="key">The key named by the token.</param>
    /// <param name="path">The normalised media path.</param>
    /// <param name="version">The file's current version, or <see langword="null"/> when there is no file.</param>
    /// <param name="token">The parsed token.</param>
    /// <returns>The failure, or <see cref="TokenFailure.None"/>.</returns>
    public static TokenFailure CheckMedia(SigningKey key, string path, Media.MediaFileVersion? version, in TokenText token)
    {
        if (version is not { } current)
        {
            return TokenFailure.NoFile;
        }

        if (!token.IsIssuedAt)
        {
            return CheckMac(token.HasGrant ? TokenPurpose.MediaGrant : TokenPurpose.Media, key, path, current.ToString(), token);
        }

        var failure = CheckMac(TokenPurpose.MediaIssuedAt, key, path, TokenSigner.IssuedAtText(token.IssuedAtUnixSeconds), token);
        if (failure != TokenFailure.None)
        {
            return failure;
        }

        return current.IsWrittenAfter(token.IssuedAtUnixSeconds) ? TokenFailure.ChangedSinceIssued : TokenFailure.None;
    }

    /// <summary>The last check: the MAC, over the purpose, the subject and its version, compared in constant time.</summary>
    /// <param name="purpose">The purpose the request needs.</param>
    /// <param name="key">The key from <see cref="TryCheckBeforeMac"/>.</param>
    /// <param name="subject">The normalised media path, or the slot id.</param>
    /// <param name="version">The file's current version (empty for upload slots).</param>
    /// <param name="token">The token from <see cref="TryCheckBeforeMac"/>.</param>
    /// <returns><see cref="TokenFailure.None"/> or <see cref="TokenFailure.BadSignature"/>.</returns>
    public static TokenFailure CheckMac(TokenPurpose purpose, SigningKey key, string subject, string version, in TokenText token)
        => TokenSigner.VerifyMac(purpose, key, subject, version, token) ? TokenFailure.None : TokenFailure.BadSignature;
}
