using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using TimeToken.Core.Signing;

namespace TimeToken.Core.Media;

/// <summary>The default <see cref="IMediaUrlSigner"/>.</summary>
/// <remarks>
/// Performance: a page links the same files on every render, and inside one rounding slack every render gives the
/// identical URL. So the signer keeps, per request, the parsed URL and the last URL signed for it, and returns that
/// URL again while everything it was made from is unchanged: the options instance (the request is the cache key),
/// and, checked on every call, the file's current version, the expiry and the active key. The
/// version is looked up on every call exactly as without the cache, so invalidation works as before. The cache is
/// bounded by <see cref="MaxCachedUrls"/>.
/// </remarks>
internal sealed class MediaUrlSigner : IMediaUrlSigner
{
    /// <summary>The most inputs whose URLs are kept; when full, the cache starts again empty.</summary>
    internal const int MaxCachedUrls = 10_000;

    private readonly ConcurrentDictionary<MediaUrlRequest, PreparedUrl> _urls = new();
    private readonly IMediaFileVersionProvider _versions;
    private readonly IOptionsMonitor<TimeTokenOptions> _options;
    private readonly IKeyRingProvider _keyRing;
    private readonly TimeProvider _timeProvider;

    public MediaUrlSigner(
        IMediaFileVersionProvider versions,
        IOptionsMonitor<TimeTokenOptions> options,
        IKeyRingProvider keyRing,
        TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(versions);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(keyRing);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _versions = versions;
        _options = options;
        _keyRing = keyRing;
        _timeProvider = timeProvider;
    }

    public MediaUrlResult Sign(in MediaUrlRequest request)
    {
        if (request.Path is null)
        {
            throw new ArgumentException("Make the request with MediaUrlRequest.ForPath, UnderBase or ForUrl.", nameof(request));
        }

        // Only accepted paths are kept, so a hit reads the options where signing without the cache would too.
        // Another options instance may change the public namespace or the parameter name: then start again.
        var options = _options.CurrentValue;
        if (!_urls.TryGetValue(request, out var prepared) || !ReferenceEquals(prepared.Options, options))
        {
            if (!MediaPath.TryNormalizeWithQuery(request.Path, out var normalized, out var query))
            {
                return new MediaUrlResult(request.PublicUrl, null, default, default);
            }

            var url = request.PublicUrl
                ?? (request.MediaBaseUrl is { } mediaBase ? mediaBase.TrimEnd('/') + "/" + MediaUrl.EscapePath(normalized) + query : normalized + query);
            if (MediaPolicy.IsPublic(normalized, options))
            {
                return new MediaUrlResult(url, null, default, default);
            }

            prepared = Prepare(request, url, normalized, options);
        }

        return Sign(prepared, request.Lifetime, options);
    }

    /// <summary>The expiry a link signed now would get; for tests and the samples' pages.</summary>
    internal DateTimeOffset GetExpiry(TimeSpan? lifetime = null) =>
        DateTimeOffset.FromUnixTimeSeconds(LinkLifetime.ComputeExpiry(_timeProvider.GetUtcNow(), lifetime, _options.CurrentValue, roundForCache: true));

    /// <summary>The version cache the signer reads; for tests.</summary>
    internal IMediaFileVersionProvider Versions => _versions;

    /// <summary>The number of inputs whose URLs are kept; for tests.</summary>
    internal int CachedUrlCount => _urls.Count;

    /// <summary>Empties the URL cache; for benchmarks of a cold start.</summary>
    internal void ClearUrlCache() => _urls.Clear();

    private PreparedUrl Prepare(in MediaUrlRequest key, string url, string normalized, TimeTokenOptions options)
    {
        var prepared = new PreparedUrl(url, normalized, options);
        if (_urls.Count >= MaxCachedUrls)
        {
            _urls.Clear();
        }

        _urls[key] = prepared;
        return prepared;
    }

    /// <summary>Adds the token to a prepared URL, or gives the URL signed last for it when nothing has changed.</summary>
    // A version binds the link to the file as it is; without one (the store has not answered) the link binds the
    // time it is made, rounded up to the second (a file written in that second, before it, passes), and the gate
    // serves it only while the file was not written after that time. Such a link is not kept.
    private MediaUrlResult Sign(PreparedUrl prepared, TimeSpan? lifetime, TimeTokenOptions options)
    {
        // Version, expiry, key: the same steps, in the same order, on every call.
        var known = _versions.TryGetVersion(prepared.Normalized, out var found);
        var now = _timeProvider.GetUtcNow();
        var seconds = LinkLifetime.ResolveSeconds(lifetime, options);
        var expiry = LinkLifetime.ComputeExpiry(now, lifetime, options, roundForCache: true);
        var cacheLimit = expiry - LinkLifetime.SlackSeconds(seconds, options.CacheWindowSeconds);
        var key = _keyRing.GetKeyRing().Active;
        if (!known)
        {
            var issued = TokenSigner.SignIssuedAt(key, prepared.Normalized, LinkLifetime.NextWholeSecond(now), expiry);
            return Result(MediaUrl.SetParameter(prepared.Url, options.ParameterName, issued), issued, expiry, cacheLimit);
        }

        var last = prepared.Last;
        if (last is not null && last.Expiry == expiry && ReferenceEquals(last.Key, key) && last.Version == found)
        {
            return Result(last.Url, last.Token, expiry, cacheLimit);
        }

        // A missing file signs with an empty version, which no file has: the gate refuses the link.
        var token = TokenSigner.Sign(TokenPurpose.Media, key, prepared.Normalized, found?.ToString() ?? string.Empty, expiry);
        var url = MediaUrl.SetParameter(prepared.Url, options.ParameterName, token);
        prepared.Last = new SignedUrl(found, expiry, key, url, token);
        return Result(url, token, expiry, cacheLimit);
    }

    private static MediaUrlResult Result(string url, string token, long expiry, long cacheLimit) =>
        new(url, token, DateTimeOffset.FromUnixTimeSeconds(expiry), DateTimeOffset.FromUnixTimeSeconds(cacheLimit));

    /// <summary>A URL parsed and built once, without token, and the URL signed last for it.</summary>
    private sealed class PreparedUrl
    {
        private volatile SignedUrl? _last;

        public PreparedUrl(string url, string normalized, TimeTokenOptions options)
        {
            Url = url;
            Normalized = normalized;
            Options = options;
        }

        /// <summary>The URL without token.</summary>
        public string Url { get; }

        /// <summary>The normalised media path the token covers.</summary>
        public string Normalized { get; }

        /// <summary>The options the URL was built with.</summary>
        public TimeTokenOptions Options { get; }

        /// <summary>The URL signed last, swapped as one reference.</summary>
        public SignedUrl? Last
        {
            get => _last;
            set => _last = value;
        }
    }

    /// <summary>A signed URL and what its token was made from.</summary>
    private sealed record SignedUrl(MediaFileVersion? Version, long Expiry, SigningKey Key, string Url, string Token);
}
