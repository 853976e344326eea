using System.Text.Json.Serialization;

namespace TimeToken.Core.Signing;

/// <summary>
/// The keys of one tenant: exactly one active key that signs, plus at most one retired key, the previous active one,
/// that still verifies during its grace period. Immutable: <see cref="Rotate"/> returns a new ring.
/// </summary>
/// <remarks>
/// The grace rule, in one place: a key retired by a rotation verifies until its retirement plus the grace period
/// (the maximum link lifetime plus its rounding slack: by then every link it signed has expired), or until the next
/// rotation, whichever comes first. Rotating twice therefore drops the oldest key at once. Revoking replaces the whole
/// ring by a fresh one (<see cref="Create"/>). Serialisable with System.Text.Json, material included, so store it only where it is
/// protected.
/// </remarks>
internal sealed class KeyRing
{
    /// <summary>Creates a ring from its keys.</summary>
    /// <param name="keys">The keys; exactly one must be active (<see cref="SigningKey.RetiredAt"/> unset), ids unique.</param>
    /// <exception cref="ArgumentException">No active key, several active keys, or a duplicate id.</exception>
    [JsonConstructor]
    public KeyRing(IReadOnlyList<SigningKey> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        SigningKey? active = null;
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            ArgumentNullException.ThrowIfNull(key, nameof(keys));
            if (!ids.Add(key.Id))
            {
                throw new ArgumentException($"Duplicate key id {key.Id}.", nameof(keys));
            }

            if (key.RetiredAt is null)
            {
                if (active is not null)
                {
                    throw new ArgumentException("A key ring has exactly one active key.", nameof(keys));
                }

                active = key;
            }
        }

        Active = active ?? throw new ArgumentException("A key ring has exactly one active key.", nameof(keys));
        Keys = [.. keys];
    }

    /// <summary>All keys, the active one included.</summary>
    public IReadOnlyList<SigningKey> Keys { get; }

    /// <summary>The key that signs new tokens.</summary>
    [JsonIgnore]
    public SigningKey Active { get; }

    /// <summary>Creates a ring with one fresh random key.</summary>
    /// <param name="timeProvider">The clock that stamps the key.</param>
    /// <returns>The new ring.</returns>
    public static KeyRing Create(TimeProvider timeProvider) => new([SigningKey.Create(timeProvider)]);

    /// <summary>Finds a key by id.</summary>
    /// <param name="id">The key id from a token.</param>
    /// <param name="key">The key, when found.</param>
    /// <returns>Whether the ring holds that id.</returns>
    public bool TryGetKey(ReadOnlySpan<char> id, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out SigningKey? key)
    {
        foreach (var candidate in Keys)
        {
            if (id.SequenceEqual(candidate.Id))
            {
                key = candidate;
                return true;
            }
        }

        key = null;
        return false;
    }

    /// <summary>
    /// Whether <paramref name="key"/> may verify at <paramref name="now"/>: the active key always, a retired key
    /// until its retirement plus <paramref name="gracePeriod"/>.
    /// </summary>
    /// <param name="key">A key of this ring.</param>
    /// <param name="now">The current time.</param>
    /// <param name="gracePeriod">The maximum link lifetime plus its rounding slack.</param>
    /// <returns>Whether tokens of that key are still accepted.</returns>
    public static bool IsUsable(SigningKey key, DateTimeOffset now, TimeSpan gracePeriod)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key.RetiredAt is not { } retiredAt || now < retiredAt + gracePeriod;
    }

    /// <summary>
    /// Adds a fresh active key and retires the current one, which keeps verifying for the grace period. Every key
    /// retired before it is dropped: its grace ends with this rotation.
    /// </summary>
    /// <param name="timeProvider">The clock.</param>
    /// <returns>The new ring: the fresh key and the previous active key.</returns>
    public KeyRing Rotate(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        return new KeyRing([SigningKey.Create(timeProvider), Active.Retire(timeProvider.GetUtcNow())]);
    }

    /// <summary>
    /// Drops retired keys whose grace period is over, and every retired key but the one retired last (a ring stored
    /// before the grace rule held may have several).
    /// </summary>
    /// <param name="now">The current time.</param>
    /// <param name="gracePeriod">The maximum link lifetime plus its rounding slack.</param>
    /// <returns>This ring when nothing was dropped, otherwise a smaller ring.</returns>
    public KeyRing Prune(DateTimeOffset now, TimeSpan gracePeriod)
    {
        var previous = Keys.Where(k => k.RetiredAt is not null).MaxBy(k => k.RetiredAt);
        var kept = Keys.Where(k => k == Active || (k == previous && IsUsable(k, now, gracePeriod))).ToList();
        return kept.Count == Keys.Count ? this : new KeyRing(kept);
    }
}
