namespace TimeToken.Core.Signing;

/// <summary>Gives the current key ring of the application (or of the Orchard tenant).</summary>
internal interface IKeyRingProvider
{
    /// <summary>The current key ring. Cheap: called for every signed URL and every verified request.</summary>
    /// <returns>The ring.</returns>
    KeyRing GetKeyRing();
}

/// <summary>
/// A key ring held in memory: the one given, or a random ring made once. Links then stop verifying when the
/// process restarts, unless the ring is given from storage.
/// </summary>
internal sealed class StaticKeyRingProvider : IKeyRingProvider
{
    private readonly KeyRing _keyRing;

    /// <summary>Holds <paramref name="keyRing"/>.</summary>
    /// <param name="keyRing">The ring.</param>
    public StaticKeyRingProvider(KeyRing keyRing)
    {
        ArgumentNullException.ThrowIfNull(keyRing);
        _keyRing = keyRing;
    }

    /// <inheritdoc/>
    public KeyRing GetKeyRing() => _keyRing;
}
