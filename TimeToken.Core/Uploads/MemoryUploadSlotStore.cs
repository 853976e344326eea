using System.Security.Cryptography;
using TimeToken.Core.Signing;

namespace TimeToken.Core.Uploads;

/// <summary>
/// The default slot store: records in the memory of this process. Right for one node; several nodes need a shared
/// store such as <see cref="RedisUploadSlotStore"/>.
/// </summary>
/// <remarks>
/// Every state change happens under one lock, so a claim is atomic. Expired records are dropped when they are
/// touched, and a sweep over all records runs at most once a minute (by the injected <see cref="TimeProvider"/>)
/// during store calls.
/// </remarks>
internal sealed class MemoryUploadSlotStore : IUploadSlotStore
{
    private static readonly TimeSpan s_sweepInterval = TimeSpan.FromMinutes(1);

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly TimeProvider _timeProvider;
    private DateTimeOffset _nextSweep;

    /// <summary>Creates an empty store.</summary>
    /// <param name="timeProvider">The clock that decides expiry.</param>
    public MemoryUploadSlotStore(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        _timeProvider = timeProvider;
        _nextSweep = timeProvider.GetUtcNow() + s_sweepInterval;
    }

    /// <summary>The number of records held, expired ones not yet swept included.</summary>
    internal int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    /// <inheritdoc/>
    public Task SaveAsync(UploadSlotRecord record, TimeSpan timeToLive, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        lock (_gate)
        {
            var now = Touch();
            _entries[record.SlotId] = new Entry(record, now + timeToLive);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task<UploadSlotClaim> TryClaimAsync(string slotId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(slotId);
        lock (_gate)
        {
            var entry = Find(slotId);
            if (entry is null)
            {
                return Task.FromResult(UploadSlotClaim.NotFound);
            }

            if (entry.Used || entry.ClaimId is not null)
            {
                return Task.FromResult(UploadSlotClaim.AlreadyUsedOrInUse);
            }

            entry.ClaimId = NewClaimId();
            return Task.FromResult(UploadSlotClaim.Claimed(entry.Record, entry.ClaimId));
        }
    }

    /// <inheritdoc/>
    public Task ReleaseAsync(string slotId, string claimId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(slotId);
        lock (_gate)
        {
            var entry = Find(slotId);
            if (entry is { Used: false } && entry.ClaimId == claimId)
            {
                entry.ClaimId = null;
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task<bool> ReleaseAfterFailureAsync(string slotId, string claimId, int maxFailures, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(slotId);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxFailures);
        lock (_gate)
        {
            var entry = Find(slotId);
            if (entry is not { Used: false } || entry.ClaimId != claimId)
            {
                return Task.FromResult(false);
            }

            entry.Failures++;
            if (entry.Failures >= maxFailures)
            {
                entry.Used = true;
                return Task.FromResult(false);
            }

            entry.ClaimId = null;
            return Task.FromResult(true);
        }
    }

    /// <inheritdoc/>
    public Task CompleteAsync(string slotId, string claimId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(slotId);
        lock (_gate)
        {
            var entry = Find(slotId);
            if (entry is not null && entry.ClaimId == claimId)
            {
                entry.Used = true;
            }
        }

        return Task.CompletedTask;
    }

    internal static string NewClaimId()
    {
        Span<byte> bytes = stackalloc byte[16];
        RandomNumberGenerator.Fill(bytes);
        return Base64Url.Encode(bytes);
    }

    // Callers hold _gate.
    private Entry? Find(string slotId)
    {
        var now = Touch();
        if (!_entries.TryGetValue(slotId, out var entry))
        {
            return null;
        }

        if (entry.ExpiresAt <= now)
        {
            _entries.Remove(slotId);
            return null;
        }

        return entry;
    }

    // Callers hold _gate.
    private DateTimeOffset Touch()
    {
        var now = _timeProvider.GetUtcNow();
        if (now >= _nextSweep)
        {
            _nextSweep = now + s_sweepInterval;
            foreach (var (id, entry) in _entries)
            {
                if (entry.ExpiresAt <= now)
                {
                    _entries.Remove(id);
                }
            }
        }

        return now;
    }

    private sealed class Entry
    {
        public Entry(UploadSlotRecord record, DateTimeOffset expiresAt)
        {
            Record = record;
            ExpiresAt = expiresAt;
        }

        public UploadSlotRecord Record { get; }

        public DateTimeOffset ExpiresAt { get; }

        public string? ClaimId { get; set; }

        public bool Used { get; set; }

        public int Failures { get; set; }
    }
}
