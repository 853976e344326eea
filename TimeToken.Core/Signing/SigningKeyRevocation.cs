namespace TimeToken.Core.Signing;

/// <summary>What a revocation did, as may be shown or logged: key ids only, never material.</summary>
public sealed class SigningKeyRevocation
{
    /// <summary>Describes a revocation.</summary>
    /// <param name="active">The new active key.</param>
    /// <param name="revokedKeyIds">The ids of the keys dropped.</param>
    public SigningKeyRevocation(SigningKeyInfo active, IReadOnlyList<string> revokedKeyIds)
    {
        ArgumentNullException.ThrowIfNull(active);
        ArgumentNullException.ThrowIfNull(revokedKeyIds);
        Active = active;
        RevokedKeyIds = revokedKeyIds;
    }

    /// <summary>The key that signs from now on; its creation time is the time of the revocation.</summary>
    public SigningKeyInfo Active { get; }

    /// <summary>The ids of the keys that no longer verify anything.</summary>
    public IReadOnlyList<string> RevokedKeyIds { get; }
}
