namespace TimeToken.Core.Signing;

/// <summary>
/// The signing keys as an administration page sees them: which key signs now, starting to sign with a new one, and
/// revoking every key at once.
/// Registered by <c>AddTimeTokenStoredKeyRing</c>. Key material never leaves TimeToken.
/// </summary>
public interface ISigningKeyManager
{
    /// <summary>The key that signs now; the key ring is read (or made and saved) first.</summary>
    /// <param name="cancellationToken">Cancels reading the store.</param>
    /// <returns>The active key's id and creation time.</returns>
    Task<SigningKeyInfo> GetActiveKeyAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Makes a new key, signs with it from now on and saves the ring. Links and slots signed with the previous key
    /// keep working until they expire (at most the longest link lifetime plus its slack) or until the next rotation,
    /// whichever comes first; those signed with any older key stop at once.
    /// </summary>
    /// <param name="cancellationToken">Cancels reading or saving the store.</param>
    /// <returns>The new active key's id and creation time.</returns>
    Task<SigningKeyInfo> RotateAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces every key by a new one and saves the ring: every link and upload slot signed before stops working
    /// from the next request. Public files are not concerned.
    /// </summary>
    /// <param name="cancellationToken">Cancels reading or saving the store.</param>
    /// <returns>The new active key and the ids of the keys revoked.</returns>
    /// <remarks>Security: on a web farm, another node stops accepting the revoked keys when it reads the ring again.</remarks>
    Task<SigningKeyRevocation> RevokeAllAsync(CancellationToken cancellationToken = default);
}
