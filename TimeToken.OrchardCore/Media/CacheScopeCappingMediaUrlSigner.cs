using Microsoft.Extensions.Options;
using OrchardCore.Environment.Cache;
using TimeToken.Core;
using TimeToken.Core.Media;

namespace TimeToken.OrchardCore.Media;

/// <summary>
/// Decorates <see cref="IMediaUrlSigner"/> so that cached output never outlives its links: whenever a link gets a
/// token while Orchard is inside a cache scope (<see cref="ICacheScopeManager"/>: the dynamic cache of shapes, the
/// Liquid <c>{% cache %}</c> block, the Razor <c>&lt;cache&gt;</c> tag helper), the scope's expiry is capped at the
/// link's expiry minus its rounding slack. The scope keeps the earliest cap, and passes it to the scopes around it.
/// </summary>
/// <remarks>
/// The cap is taken before signing, so it is never later than the signed link's. The cap is set both as an absolute expiry and as a duration from now, since distributed caches differ on which
/// of the two wins. A link lives at least its lifetime, and its slack is at most a tenth of it, so the cache still
/// keeps the output for at least nine tenths of the lifetime.
/// </remarks>
internal sealed class CacheScopeCappingMediaUrlSigner : IMediaUrlSigner
{
    private readonly IMediaUrlSigner _inner;
    private readonly IOptionsMonitor<TimeTokenOptions> _options;
    private readonly TimeProvider _timeProvider;
    private readonly Func<ICacheScopeManager?> _cacheScopes;

    public CacheScopeCappingMediaUrlSigner(
        IMediaUrlSigner inner,
        IOptionsMonitor<TimeTokenOptions> options,
        TimeProvider timeProvider,
        Func<ICacheScopeManager?> cacheScopes)
    {
        _inner = inner;
        _options = options;
        _timeProvider = timeProvider;
        _cacheScopes = cacheScopes;
    }

    /// <summary>The decorated signer.</summary>
    public IMediaUrlSigner Inner => _inner;

    public string? SignPath(string path, TimeSpan? lifetime = null)
    {
        var cap = _inner.GetCacheLimit(lifetime);
        var url = _inner.SignPath(path, lifetime);
        Apply(cap, url);
        return url;
    }

    public async ValueTask<string?> SignPathAsync(string path, TimeSpan? lifetime = null, CancellationToken cancellationToken = default)
    {
        var cap = _inner.GetCacheLimit(lifetime);
        var url = await _inner.SignPathAsync(path, lifetime, cancellationToken).ConfigureAwait(false);
        Apply(cap, url);
        return url;
    }

    public string? BuildUrl(string mediaBaseUrl, string path, TimeSpan? lifetime = null)
    {
        var cap = _inner.GetCacheLimit(lifetime);
        var url = _inner.BuildUrl(mediaBaseUrl, path, lifetime);
        Apply(cap, url);
        return url;
    }

    public string AddToken(string publicUrl, string storagePath, TimeSpan? lifetime = null)
    {
        var cap = _inner.GetCacheLimit(lifetime);
        var url = _inner.AddToken(publicUrl, storagePath, lifetime);
        if (!ReferenceEquals(url, publicUrl))
        {
            Apply(cap, url);
        }

        return url;
    }

    public bool IsPublic(string normalizedPath) => _inner.IsPublic(normalizedPath);

    public DateTimeOffset GetExpiry(TimeSpan? lifetime = null) => _inner.GetExpiry(lifetime);

    public DateTimeOffset GetCacheLimit(TimeSpan? lifetime = null) => _inner.GetCacheLimit(lifetime);

    private void Apply(DateTimeOffset cap, string? url)
    {
        if (url is null || !HasToken(url, _options.CurrentValue.ParameterName))
        {
            return;
        }

        var scopes = _cacheScopes();
        if (scopes is null)
        {
            return;
        }

        // Both are no-ops outside a scope, and keep the earlier value inside one.
        scopes.WithExpiryOn(cap);
        var remaining = cap - _timeProvider.GetUtcNow();
        scopes.WithExpiryAfter(remaining > TimeSpan.Zero ? remaining : TimeSpan.FromTicks(1));
    }

    // The signer appends the token parameter last (before any fragment).
    private static bool HasToken(string url, string parameterName)
    {
        var hash = url.IndexOf('#', StringComparison.Ordinal);
        var end = hash < 0 ? url.Length : hash;
        var at = url.LastIndexOf(parameterName + "=", end - 1, end, StringComparison.Ordinal);
        return at > 0 && url[at - 1] is '?' or '&';
    }
}
