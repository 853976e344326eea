namespace TimeToken.Core.Uploads;

/// <summary>
/// Keeps upload slot records and their state: free, claimed (an upload is running) or used. Every state change is
/// atomic, also across nodes for a shared store, so one upload wins and every concurrent one is refused.
/// </summary>
/// <remarks>
/// A record lives until the slot expires (the store's TTL), then it disappears whatever its state. A claim therefore
/// also ends at the slot's expiry at the latest: a node that crashes mid-upload cannot hold a slot forever, and the
/// slot cannot be used twice while its record lives.
/// </remarks>
internal interface IUploadSlotStore
{
    /// <summary>Stores a new, free slot.</summary>
    /// <param name="record">The slot.</param>
    /// <param name="timeToLive">How long to keep it: the time until the slot expires.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the record is stored.</returns>
    /// <exception cref="UploadSlotStoreUnavailableException">The store could not be reached.</exception>
    Task SaveAsync(UploadSlotRecord record, TimeSpan timeToLive, CancellationToken cancellationToken = default);

    /// <summary>Atomically moves a free slot to claimed.</summary>
    /// <param name="slotId">The slot id.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The outcome; on success it carries the record and a claim id for <see cref="ReleaseAsync"/> and <see cref="CompleteAsync"/>.</returns>
    /// <exception cref="UploadSlotStoreUnavailableException">The store could not be reached.</exception>
    Task<UploadSlotClaim> TryClaimAsync(string slotId, CancellationToken cancellationToken = default);

    /// <summary>Makes a claimed slot free again (the upload failed), when <paramref name="claimId"/> still holds it.</summary>
    /// <param name="slotId">The slot id.</param>
    /// <param name="claimId">The claim id from <see cref="TryClaimAsync"/>.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the slot is free.</returns>
    /// <exception cref="UploadSlotStoreUnavailableException">The store could not be reached.</exception>
    Task ReleaseAsync(string slotId, string claimId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Counts one failed attempt of a claimed slot (the handler threw, or the body could not be stored) when
    /// <paramref name="claimId"/> still holds it, in one atomic step: below <paramref name="maxFailures"/> failures
    /// the slot is free again; at <paramref name="maxFailures"/> it is spent and answers like a used slot.
    /// </summary>
    /// <param name="slotId">The slot id.</param>
    /// <param name="claimId">The claim id from <see cref="TryClaimAsync"/>.</param>
    /// <param name="maxFailures">How many failures spend the slot; at least 1.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>Whether the slot is free again (<see langword="false"/> when it is spent, or the claim was no longer held).</returns>
    /// <exception cref="UploadSlotStoreUnavailableException">The store could not be reached.</exception>
    Task<bool> ReleaseAfterFailureAsync(string slotId, string claimId, int maxFailures, CancellationToken cancellationToken = default);

    /// <summary>Marks a claimed slot as used until it expires, when <paramref name="claimId"/> still holds it.</summary>
    /// <param name="slotId">The slot id.</param>
    /// <param name="claimId">The claim id from <see cref="TryClaimAsync"/>.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the slot is marked.</returns>
    /// <exception cref="UploadSlotStoreUnavailableException">The store could not be reached.</exception>
    Task CompleteAsync(string slotId, string claimId, CancellationToken cancellationToken = default);
}

/// <summary>The outcome of <see cref="IUploadSlotStore.TryClaimAsync"/>.</summary>
internal enum UploadSlotClaimStatus
{
    /// <summary>The slot was free and is now claimed by the caller.</summary>
    Claimed = 0,

    /// <summary>Another upload holds the slot, or the slot was used.</summary>
    AlreadyUsedOrInUse,

    /// <summary>No such slot, or it expired.</summary>
    NotFound,
}

/// <summary>The result of a claim attempt.</summary>
internal sealed class UploadSlotClaim
{
    private UploadSlotClaim(UploadSlotClaimStatus status, UploadSlotRecord? record, string? claimId)
    {
        Status = status;
        Record = record;
        ClaimId = claimId;
    }

    /// <summary>A refused claim: the slot is in use or used.</summary>
    public static UploadSlotClaim AlreadyUsedOrInUse { get; } = new(UploadSlotClaimStatus.AlreadyUsedOrInUse, null, null);

    /// <summary>A refused claim: no such slot.</summary>
    public static UploadSlotClaim NotFound { get; } = new(UploadSlotClaimStatus.NotFound, null, null);

    /// <summary>What happened.</summary>
    public UploadSlotClaimStatus Status { get; }

    /// <summary>The slot record, when <see cref="Status"/> is <see cref="UploadSlotClaimStatus.Claimed"/>.</summary>
    public UploadSlotRecord? Record { get; }

    /// <summary>The random id of this claim, when <see cref="Status"/> is <see cref="UploadSlotClaimStatus.Claimed"/>.</summary>
    public string? ClaimId { get; }

    /// <summary>A successful claim.</summary>
    /// <param name="record">The slot record.</param>
    /// <param name="claimId">The id that lets only this claimant release or complete the slot.</param>
    /// <returns>The claim.</returns>
    public static UploadSlotClaim Claimed(UploadSlotRecord record, string claimId)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentException.ThrowIfNullOrEmpty(claimId);
        return new UploadSlotClaim(UploadSlotClaimStatus.Claimed, record, claimId);
    }
}

/// <summary>The slot store could not be reached (for example Redis is down). The upload endpoint answers 503.</summary>
public sealed class UploadSlotStoreUnavailableException : Exception
{
    /// <summary>Creates the exception with a default message.</summary>
    public UploadSlotStoreUnavailableException()
        : base("The upload slot store is unavailable.")
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    public UploadSlotStoreUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception around its cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The store's exception.</param>
    public UploadSlotStoreUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
