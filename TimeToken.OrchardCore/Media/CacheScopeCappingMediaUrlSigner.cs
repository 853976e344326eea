using OrchardCore.Environment.Cache;
using TimeToken.Core.Media;

namespace TimeToken.OrchardCore.Media;

/// <summary>
/// Decorates <see cref="IMediaUrlSigner"/> so that cached output never outlives its links: whenever a link gets a
/// token while Orchard is inside a cache scope (<see cref="ICacheScopeManager"/>: the dynamic cache of shapes, the
/// Liquid <c>{% cache %}</c> block, the Razor <c>&lt;cache&gt;</c> tag helper), the scope's expiry is capped at the
/// link's expiry minus its rounding slack. The scope keeps the earliest cap, and passes it to the scopes around it.
/// </summary>
/// <remarks>
/// The cap is the signed link's own <see cref="MediaUrlResult.CacheLimit"/>. It is set both as an absolute expiry and
/// as a duration from now, since distributed caches differ on which of the two wins. A link lives at least its
/// lifetime, and its slack is at most a tenth of it, so the cache still keeps the output for at least nine tenths of
/// the lifetime. A URL without a token (public file, invalid path) leaves the scope alone.
/// </remarks>
internal sealed class CacheScopeCappingMediaUrlSigner : IMediaUrlSigner
{
    private readonly IMediaUrlSigner _inner;
    private readonly TimeProvider _timeProvider;
    private readonly Func<ICacheScopeManager?> _cacheScopes;

    public CacheScopeCappingMediaUrlSigner(
        IMediaUrlSigner inner,
        TimeProvider timeProvider,
        Func<ICacheScopeManager?> cacheScopes)
    {
        _inner = inner;
        _timeProvider = timeProvider;
        _cacheScopes = cacheScopes;
    }

    /// <summary>The decorated signer.</summary>
    public IMediaUrlSigner Inner => _inner;

    public MediaUrlResult Sign(in MediaUrlRequest request)
    {
        var result = _inner.Sign(request);
        if (result.IsSigned && _cacheScopes() is { } scopes)
        {
            // Both are no-ops outside a scope, and keep the earlier value inside one.
            var cap = result.CacheLimit;
            scopes.WithExpiryOn(cap);
            var remaining = cap - _timeProvider.GetUtcNow();
            scopes.WithExpiryAfter(remaining > TimeSpan.Zero ? remaining : TimeSpan.FromTicks(1));
        }

        return result;
    }
}
