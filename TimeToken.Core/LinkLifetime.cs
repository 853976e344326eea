namespace TimeToken.Core;

/// <summary>
/// The one rule for how long a signed link or an upload slot lives: the lifetime asked for, clamped to the maximum,
/// plus a rounding slack bounded by the lifetime itself. The signer, the gate, the upload slots and the key ring all
/// derive their bounds from here.
/// </summary>
/// <remarks>
/// The slack is <c>min(CacheWindowSeconds, lifetime / 10)</c>, at least 1 second: a 10-second link dies by second
/// 11, a one-hour link (with the default 300-second window) by second 3,900. Within one slack the same path gives
/// the same URL, so long-lived links stay cache-friendly.
/// </remarks>
internal static class LinkLifetime
{
    /// <summary>The lifetime in whole seconds: the one asked for (rounded up) or the timeout, clamped to 1 … maximum.</summary>
    /// <param name="lifetime">The lifetime asked for, or <see langword="null"/> for <see cref="TimeTokenOptions.TimeoutSeconds"/>.</param>
    /// <param name="options">The options.</param>
    /// <returns>The lifetime in seconds.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The lifetime is zero or negative.</exception>
    public static long ResolveSeconds(TimeSpan? lifetime, TimeTokenOptions options)
    {
        if (lifetime is { } requested && requested <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(lifetime), lifetime, "A link lifetime must be positive.");
        }

        var max = Math.Max(1, options.EffectiveMaxLifetimeSeconds);
        var seconds = lifetime is { } value ? (long)Math.Ceiling(Math.Min(value.TotalSeconds, max)) : options.TimeoutSeconds;
        return Math.Clamp(seconds, 1, max);
    }

    /// <summary>The rounding slack of a link of <paramref name="lifetimeSeconds"/>: min(window, lifetime / 10), at least 1.</summary>
    /// <param name="lifetimeSeconds">The link's lifetime in seconds.</param>
    /// <param name="cacheWindowSeconds">The configured cache window.</param>
    /// <returns>The slack in seconds.</returns>
    public static long SlackSeconds(long lifetimeSeconds, int cacheWindowSeconds) =>
        Math.Max(1, Math.Min(Math.Max(1, cacheWindowSeconds), lifetimeSeconds / 10));

    /// <summary>
    /// The expiry, in unix seconds, of a link made at <paramref name="now"/>: the next whole second plus the lifetime,
    /// rounded up to a multiple of the slack when <paramref name="roundForCache"/> (media links), not rounded for
    /// upload slots. Always strictly before <c>now + lifetime + slack</c>.
    /// </summary>
    /// <param name="now">The current time.</param>
    /// <param name="lifetime">The lifetime asked for, or <see langword="null"/> for the timeout.</param>
    /// <param name="options">The options.</param>
    /// <param name="roundForCache">Whether to round to the slack so repeated renders give the same URL.</param>
    /// <returns>The expiry in unix seconds.</returns>
    public static long ComputeExpiry(DateTimeOffset now, TimeSpan? lifetime, TimeTokenOptions options, bool roundForCache)
    {
        var seconds = ResolveSeconds(lifetime, options);
        var raw = NextWholeSecond(now) + seconds;
        if (!roundForCache)
        {
            return raw;
        }

        var slack = SlackSeconds(seconds, options.CacheWindowSeconds);
        return (raw + slack - 1) / slack * slack;
    }

    /// <summary>
    /// How far ahead an expiry may lie, and how long a retired key keeps verifying: the maximum lifetime plus its
    /// slack. No link made under these options can expire later than that after it was made.
    /// </summary>
    /// <param name="options">The options.</param>
    /// <returns>The bound.</returns>
    public static TimeSpan GracePeriod(TimeTokenOptions options)
    {
        long max = Math.Max(1, options.EffectiveMaxLifetimeSeconds);
        return TimeSpan.FromSeconds(max + SlackSeconds(max, options.CacheWindowSeconds));
    }

    /// <summary><paramref name="now"/> in unix seconds, rounded up to the next whole second (unchanged on one).</summary>
    /// <param name="now">The time.</param>
    /// <returns>The unix seconds.</returns>
    public static long NextWholeSecond(DateTimeOffset now)
    {
        var ticks = now.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        return (ticks / TimeSpan.TicksPerSecond) + (ticks % TimeSpan.TicksPerSecond > 0 ? 1 : 0);
    }
}
