using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TimeToken.Core.Signing;

namespace TimeToken.Core.Media;

/// <summary>The default <see cref="IMediaUrlSigner"/>.</summary>
/// <remarks>
/// Performance: a page links the same files on every render, and inside one rounding slack every render gives the
/// identical URL. So the synchronous methods keep, per input, the parsed URL and the last URL signed for it, and
/// return that URL again while everything it was made from is unchanged: the options instance (the inputs are part of
/// the cache key), and, checked on every call, the file's current version, the expiry and the active key. The
/// version is looked up on every call exactly as without the cache, so invalidation works as before. The cache is
/// bounded by <see cref="MaxCachedUrls"/>.
/// </remarks>
internal sealed class MediaUrlSigner : IMediaUrlSigner
{
    /// <summary>The most inputs whose URLs are kept; when full, the cache starts again empty.</summary>
    internal const int MaxCachedUrls = 10_000;

    private readonly ConcurrentDictionary<UrlKey, PreparedUrl> _urls = new();
    private readonly IMediaFileVersionProvider _versions;
    private readonly IOptionsMonitor<TimeTokenOptions> _options;
    private readonly IKeyRingProvider _keyRing;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    public MediaUrlSigner(
        IMediaFileVersionProvider versions,
        IOptionsMonitor<TimeTokenOptions> options,
        IKeyRingProvider keyRing,
        TimeProvider timeProvider,
        ILogger<MediaUrlSigner>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(versions);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(keyRing);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _versions = versions;
        _options = options;
        _keyRing = keyRing;
        _timeProvider = timeProvider;
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    public string? SignPath(string path, TimeSpan? lifetime = null)
    {
        var cacheKey = new UrlKey(UrlShape.Path, string.Empty, path, lifetime);
        if (TryGetPrepared(cacheKey, out var prepared, out var options))
        {
            return Sign(prepared, lifetime, options);
        }

        if (!MediaPath.TryNormalizeWithQuery(path, out var normalized, out var query))
        {
            return null;
        }

        options = _options.CurrentValue;
        var url = normalized + query;
        return MediaPolicy.IsPublic(normalized, options) ? url : Sign(Prepare(cacheKey, url, normalized, options), lifetime, options);
    }

    public async ValueTask<string?> SignPathAsync(string path, TimeSpan? lifetime = null, CancellationToken cancellationToken = default)
    {
        if (!MediaPath.TryNormalizeWithQuery(path, out var normalized, out var query))
        {
            return null;
        }

        var options = _options.CurrentValue;
        var url = normalized + query;
        if (MediaPolicy.IsPublic(normalized, options))
        {
            return url;
        }

        string? version;
        try
        {
            version = await _versions.GetVersionAsync(normalized, cancellationToken).ConfigureAwait(false) ?? string.Empty;
        }
        catch (MediaStoreUnavailableException)
        {
            Log.MediaSignedWithoutVersion(_logger);
            version = null;
        }

        return AppendToken(url, normalized, lifetime, options, version);
    }

    public string? BuildUrl(string mediaBaseUrl, string path, TimeSpan? lifetime = null)
    {
        ArgumentNullException.ThrowIfNull(mediaBaseUrl);
        var cacheKey = new UrlKey(UrlShape.Build, mediaBaseUrl, path, lifetime);
        if (TryGetPrepared(cacheKey, out var prepared, out var options))
        {
            return Sign(prepared, lifetime, options);
        }

        if (!MediaPath.TryNormalizeWithQuery(path, out var normalized, out var query))
        {
            return null;
        }

        options = _options.CurrentValue;
        var url = mediaBaseUrl.TrimEnd('/') + "/" + MediaUrl.EscapePath(normalized) + query;
        return MediaPolicy.IsPublic(normalized, options) ? url : Sign(Prepare(cacheKey, url, normalized, options), lifetime, options);
    }

    public string AddToken(string publicUrl, string storagePath, TimeSpan? lifetime = null)
    {
        ArgumentNullException.ThrowIfNull(publicUrl);
        var cacheKey = new UrlKey(UrlShape.AddToken, publicUrl, storagePath, lifetime);
        if (TryGetPrepared(cacheKey, out var prepared, out var options))
        {
            return Sign(prepared, lifetime, options);
        }

        if (!MediaPath.TryNormalizeWithQuery(storagePath, out var normalized, out _))
        {
            return publicUrl;
        }

        options = _options.CurrentValue;
        return MediaPolicy.IsPublic(normalized, options) ? publicUrl : Sign(Prepare(cacheKey, publicUrl, normalized, options), lifetime, options);
    }

    public bool IsPublic(string normalizedPath)
    {
        ArgumentNullException.ThrowIfNull(normalizedPath);
        return MediaPolicy.IsPublic(normalizedPath, _options.CurrentValue);
    }

    public DateTimeOffset GetExpiry(TimeSpan? lifetime = null) =>
        DateTimeOffset.FromUnixTimeSeconds(MediaPolicy.ComputeExpiry(_timeProvider.GetUtcNow(), lifetime, _options.CurrentValue));

    public DateTimeOffset GetCacheLimit(TimeSpan? lifetime = null)
    {
        var options = _options.CurrentValue;
        var slack = LinkLifetime.SlackSeconds(LinkLifetime.ResolveSeconds(lifetime, options), options.CacheWindowSeconds);
        return GetExpiry(lifetime).AddSeconds(-slack);
    }

    // A version binds the link to the file as it is; without one (the store has not answered) the link binds the
    // time it is made, rounded up to the second (a file written in that second, before it, passes), and the gate
    // serves it only while the file was not written after that time.
    private string AppendToken(string url, string normalized, TimeSpan? lifetime, TimeTokenOptions options, string? version)
    {
        var now = _timeProvider.GetUtcNow();
        var expiry = MediaPolicy.ComputeExpiry(now, lifetime, options);
        var key = _keyRing.GetKeyRing().Active;
        var token = version is null
            ? TokenSigner.SignIssuedAt(key, normalized, LinkLifetime.NextWholeSecond(now), expiry)
            : TokenSigner.Sign(TokenPurpose.Media, key, normalized, version, expiry);
        return MediaUrl.SetParameter(url, options.ParameterName, token);
    }

    /// <summary>The number of inputs whose URLs are kept; for tests.</summary>
    internal int CachedUrlCount => _urls.Count;

    /// <summary>Empties the URL cache; for benchmarks of a cold start.</summary>
    internal void ClearUrlCache() => _urls.Clear();

    private bool TryGetPrepared(
        in UrlKey key,
        [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out PreparedUrl? prepared,
        [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out TimeTokenOptions? options)
    {
        // Only accepted paths are kept, so a hit reads the options where signing without the cache would too.
        // Another options instance may change the public namespace or the parameter name: then start again.
        options = null;
        if (key.Path is null || !_urls.TryGetValue(key, out prepared))
        {
            prepared = null;
            return false;
        }

        options = _options.CurrentValue;
        return ReferenceEquals(prepared.Options, options);
    }

    private PreparedUrl Prepare(in UrlKey key, string url, string normalized, TimeTokenOptions options)
    {
        var prepared = new PreparedUrl(url, normalized, options);
        if (_urls.Count >= MaxCachedUrls)
        {
            _urls.Clear();
        }

        _urls[key] = prepared;
        return prepared;
    }

    /// <summary>Adds the token to a prepared URL, or returns the URL signed last for it when nothing has changed.</summary>
    private string Sign(PreparedUrl prepared, TimeSpan? lifetime, TimeTokenOptions options)
    {
        // The same steps, in the same order, as signing without the cache: version, expiry, key. The version is
        // never waited for: until the store has answered, the link binds the time it is made (not kept).
        if (!_versions.TryGetVersion(prepared.Normalized, out var found))
        {
            return AppendToken(prepared.Url, prepared.Normalized, lifetime, options, version: null);
        }

        var version = found ?? string.Empty;
        var expiry = MediaPolicy.ComputeExpiry(_timeProvider.GetUtcNow(), lifetime, options);
        var key = _keyRing.GetKeyRing().Active;
        var last = prepared.Last;
        if (last is not null && last.Expiry == expiry && ReferenceEquals(last.Key, key) && string.Equals(last.Version, version, StringComparison.Ordinal))
        {
            return last.Url;
        }

        var token = TokenSigner.Sign(TokenPurpose.Media, key, prepared.Normalized, version, expiry);
        var url = MediaUrl.SetParameter(prepared.Url, options.ParameterName, token);
        prepared.Last = new SignedUrl(version, expiry, key, url);
        return url;
    }

    private enum UrlShape
    {
        Path,
        Build,
        AddToken,
    }

    /// <summary>The inputs of one call: which method, its URL or base argument, its path argument and the lifetime.</summary>
    private readonly record struct UrlKey(UrlShape Shape, string Prefix, string? Path, TimeSpan? Lifetime);

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
    private sealed record SignedUrl(string Version, long Expiry, SigningKey Key, string Url);
}
