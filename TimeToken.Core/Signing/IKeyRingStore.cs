namespace TimeToken.Core.Signing;

/// <summary>
/// Where a protected key ring is kept (the Orchard module keeps it in the tenant's site settings). The store sees
/// only the protected text, never key material.
/// </summary>
public interface IKeyRingStore
{
    /// <summary>Reads the protected key ring.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The protected text, or <see langword="null"/> when none was saved yet.</returns>
    Task<string?> LoadAsync(CancellationToken cancellationToken);

    /// <summary>Saves the protected key ring, replacing the previous one.</summary>
    /// <param name="protectedKeyRing">The text made by <see cref="KeyRingProtector.Protect"/>.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the ring is saved.</returns>
    Task SaveAsync(string protectedKeyRing, CancellationToken cancellationToken);
}
