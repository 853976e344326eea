namespace TimeToken.Core.Signing;

/// <summary>
/// The signing keys as an administration page sees them: which key signs now, and starting to sign with a new one.
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
    /// keep working until they expire (the grace period is the longest link lifetime plus its slack).
    /// </summary>
    /// <param name="cancellationToken">Cancels reading or saving the store.</param>
    /// <returns>The new active key's id and creation time.</returns>
    Task<SigningKeyInfo> RotateAsync(CancellationToken cancellationToken = default);
}
