using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace TimeToken.Core.Signing;

/// <summary>
/// A key ring kept encrypted in an <see cref="IKeyRingStore"/>: read once and held in memory, made and saved on
/// first use, replaced by a fresh ring (with one Warning log) when the stored one cannot be decrypted, and rotated
/// or revoked on request.
/// </summary>
/// <remarks>
/// The grace rule is <see cref="KeyRing"/>'s: the previous key verifies until the grace period (maximum lifetime plus
/// its rounding slack) is over or the next rotation, whichever comes first.
/// Security: neither the ring nor its protected text is ever logged.
/// </remarks>
internal sealed class StoredKeyRingProvider : IKeyRingProvider, ISigningKeyManager, IDisposable
{
    private readonly IKeyRingStore _store;
    private readonly IDataProtectionProvider _dataProtection;
    private readonly TimeProvider _timeProvider;
    private readonly IOptionsMonitor<TimeTokenOptions> _options;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile KeyRing? _keyRing;

    /// <summary>Creates the provider.</summary>
    /// <param name="store">Where the protected ring is kept.</param>
    /// <param name="dataProtection">The Data Protection provider that encrypts the ring.</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="options">The options; the grace period of retired keys derives from them.</param>
    /// <param name="logger">The logger.</param>
    public StoredKeyRingProvider(
        IKeyRingStore store,
        IDataProtectionProvider dataProtection,
        TimeProvider timeProvider,
        IOptionsMonitor<TimeTokenOptions> options,
        ILogger<StoredKeyRingProvider> logger)
    {
        _store = store;
        _dataProtection = dataProtection;
        _timeProvider = timeProvider;
        _options = options;
        _logger = logger;
    }

    /// <summary>How long a retired key keeps verifying: the maximum lifetime plus its rounding slack.</summary>
    public TimeSpan GracePeriod => _options.CurrentValue.GracePeriod;

    /// <inheritdoc/>
    /// <remarks>The first call reads the store and may block on it; later calls are a field read.</remarks>
    public KeyRing GetKeyRing() => _keyRing ?? GetKeyRingAsync(CancellationToken.None).GetAwaiter().GetResult();

    /// <summary>Gets the ring, reading (or making and saving) it on first use.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The ring.</returns>
    public async Task<KeyRing> GetKeyRingAsync(CancellationToken cancellationToken)
    {
        if (_keyRing is { } cached)
        {
            return cached;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_keyRing is { } loaded)
            {
                return loaded;
            }

            var stored = await _store.LoadAsync(cancellationToken).ConfigureAwait(false);
            if (KeyRingProtector.TryUnprotect(stored, _dataProtection, out var ring, out var failure))
            {
                ring = ring.Prune(_timeProvider.GetUtcNow(), GracePeriod);
            }
            else
            {
                if (stored is not null)
                {
                    Log.KeyRingReplaced(_logger, failure);
                }

                ring = KeyRing.Create(_timeProvider);
                await _store.SaveAsync(KeyRingProtector.Protect(ring, _dataProtection), cancellationToken).ConfigureAwait(false);
            }

            _keyRing = ring;
            return ring;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Makes a fresh active key, keeps the previous one verifying for the grace period, drops any older key, and
    /// saves the ring; the next use reads the ring back from the store.
    /// </summary>
    /// <param name="cancellationToken">Cancels the rotation before it is saved.</param>
    /// <returns>The new ring.</returns>
    public async Task<KeyRing> RotateAsync(CancellationToken cancellationToken)
    {
        var (_, rotated) = await ReplaceAsync(current => current.Rotate(_timeProvider), holdAtOnce: false, cancellationToken).ConfigureAwait(false);
        Log.KeyRotated(_logger, rotated.Active.Id);
        return rotated;
    }

    /// <summary>Replaces every key by one fresh key and saves the ring: every token signed before stops verifying.</summary>
    /// <param name="cancellationToken">Cancels the revocation before it is saved.</param>
    /// <returns>The new ring and the ids of the keys dropped.</returns>
    public async Task<(KeyRing Ring, IReadOnlyList<string> RevokedKeyIds)> RevokeAllAsync(CancellationToken cancellationToken)
    {
        var (previous, revoked) = await ReplaceAsync(_ => KeyRing.Create(_timeProvider), holdAtOnce: true, cancellationToken).ConfigureAwait(false);
        var ids = previous.Select(k => k.Id).ToList();
        Log.KeyRingRevoked(_logger, revoked.Active.Id, string.Join(", ", ids));
        return (revoked, ids);
    }

    // Changes the ring under the lock and saves it. The change starts from the stored ring, not from this process's
    // copy: on a web farm another node may have rotated since this one read it, and its key must not be lost. The
    // keys replaced are those of both.
    private async Task<(IReadOnlyList<SigningKey> Previous, KeyRing Ring)> ReplaceAsync(Func<KeyRing, KeyRing> change, bool holdAtOnce, CancellationToken cancellationToken)
    {
        var cached = await GetKeyRingAsync(cancellationToken).ConfigureAwait(false);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            cached = _keyRing ?? cached;
            var stored = await _store.LoadAsync(cancellationToken).ConfigureAwait(false);
            var current = KeyRingProtector.TryUnprotect(stored, _dataProtection, out var ring, out _)
                ? ring.Prune(_timeProvider.GetUtcNow(), GracePeriod)
                : cached;
            var replaced = change(current);
            await _store.SaveAsync(KeyRingProtector.Protect(replaced, _dataProtection), cancellationToken).ConfigureAwait(false);

            // A rotation signs with the new key only once it is read back from the store: at once with a store that
            // saves at once; in Orchard, whose settings are committed when the request ends, not before the commit, so
            // a node of a farm that reads the ring again (KeyRingReloader) finds every key this node signs with. A
            // revocation holds the new ring at once: the revoked keys must not verify one more request on this node.
            _keyRing = holdAtOnce ? replaced : null;
            return (current.Keys.UnionBy(cached.Keys, k => k.Id).ToList(), replaced);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc/>
    async Task<SigningKeyInfo> ISigningKeyManager.GetActiveKeyAsync(CancellationToken cancellationToken) =>
        Describe((await GetKeyRingAsync(cancellationToken).ConfigureAwait(false)).Active);

    /// <inheritdoc/>
    async Task<SigningKeyInfo> ISigningKeyManager.RotateAsync(CancellationToken cancellationToken) =>
        Describe((await RotateAsync(cancellationToken).ConfigureAwait(false)).Active);

    /// <inheritdoc/>
    async Task<SigningKeyRevocation> ISigningKeyManager.RevokeAllAsync(CancellationToken cancellationToken)
    {
        var (ring, revokedKeyIds) = await RevokeAllAsync(cancellationToken).ConfigureAwait(false);
        return new SigningKeyRevocation(Describe(ring.Active), revokedKeyIds);
    }

    private static SigningKeyInfo Describe(SigningKey key) => new(key.Id, key.CreatedAt);

    /// <summary>
    /// Reads the stored ring again and holds it when it can be read (see <see cref="KeyRingReloader"/>); the ring held
    /// stays when the stored one cannot be decrypted. Never makes a ring.
    /// </summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The ring now held.</returns>
    internal async Task<KeyRing> ReloadAsync(CancellationToken cancellationToken)
    {
        var current = await GetKeyRingAsync(cancellationToken).ConfigureAwait(false);
        var stored = await _store.LoadAsync(cancellationToken).ConfigureAwait(false);
        if (!KeyRingProtector.TryUnprotect(stored, _dataProtection, out var ring, out _))
        {
            return current;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _keyRing = ring.Prune(_timeProvider.GetUtcNow(), GracePeriod);
            return _keyRing;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Forgets the ring held in memory, so the next use reads the store again.</summary>
    internal void Reset() => _keyRing = null;

    /// <inheritdoc/>
    public void Dispose() => _gate.Dispose();
}
