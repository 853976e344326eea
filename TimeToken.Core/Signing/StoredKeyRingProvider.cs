using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace TimeToken.Core.Signing;

/// <summary>
/// A key ring kept encrypted in an <see cref="IKeyRingStore"/>: read once and held in memory, made and saved on
/// first use, replaced by a fresh ring (with one Warning log) when the stored one cannot be decrypted, and rotated
/// on request.
/// </summary>
/// <remarks>
/// Retired keys are dropped once their grace period (maximum lifetime plus its rounding slack) is over.
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
    /// Makes a fresh active key, keeps the previous one verifying for the grace period, and saves the ring; the next
    /// use reads the ring back from the store.
    /// </summary>
    /// <param name="cancellationToken">Cancels the rotation before it is saved.</param>
    /// <returns>The new ring.</returns>
    public async Task<KeyRing> RotateAsync(CancellationToken cancellationToken)
    {
        var current = await GetKeyRingAsync(cancellationToken).ConfigureAwait(false);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var rotated = (_keyRing ?? current).Rotate(_timeProvider, GracePeriod);
            await _store.SaveAsync(KeyRingProtector.Protect(rotated, _dataProtection), cancellationToken).ConfigureAwait(false);

            // Signs with the new key only once it is read back from the store: at once with a store that saves at
            // once; in Orchard, whose settings are committed when the request ends, not before the commit, so a node
            // of a farm that reads the ring again (KeyRingReloader) finds every key this node signs with.
            _keyRing = null;
            Log.KeyRotated(_logger, rotated.Active.Id);
            return rotated;
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
