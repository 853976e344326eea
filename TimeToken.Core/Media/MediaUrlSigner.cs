using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TimeToken.Core.Signing;

namespace TimeToken.Core.Media;

/// <summary>The default <see cref="IMediaUrlSigner"/>.</summary>
internal sealed class MediaUrlSigner : IMediaUrlSigner
{
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
        if (!TrySplit(path, out var normalized, out var query))
        {
            return null;
        }

        var options = _options.CurrentValue;
        var url = normalized + query;
        return MediaPolicy.IsPublic(normalized, options) ? url : AppendToken(url, normalized, lifetime, options, GetVersionBlocking(normalized));
    }

    public async ValueTask<string?> SignPathAsync(string path, TimeSpan? lifetime = null, CancellationToken cancellationToken = default)
    {
        if (!TrySplit(path, out var normalized, out var query))
        {
            return null;
        }

        var options = _options.CurrentValue;
        var url = normalized + query;
        if (MediaPolicy.IsPublic(normalized, options))
        {
            return url;
        }

        string version;
        try
        {
            version = await _versions.GetVersionAsync(normalized, cancellationToken).ConfigureAwait(false) ?? string.Empty;
        }
        catch (MediaStoreUnavailableException)
        {
            Log.MediaSignedWithoutVersion(_logger);
            version = string.Empty;
        }

        return AppendToken(url, normalized, lifetime, options, version);
    }

    public string? BuildUrl(string mediaBaseUrl, string path, TimeSpan? lifetime = null)
    {
        ArgumentNullException.ThrowIfNull(mediaBaseUrl);
        if (!TrySplit(path, out var normalized, out var query))
        {
            return null;
        }

        var options = _options.CurrentValue;
        var url = mediaBaseUrl.TrimEnd('/') + "/" + MediaUrl.EscapePath(normalized) + query;
        return MediaPolicy.IsPublic(normalized, options) ? url : AppendToken(url, normalized, lifetime, options, GetVersionBlocking(normalized));
    }

    public string AddToken(string publicUrl, string storagePath, TimeSpan? lifetime = null)
    {
        ArgumentNullException.ThrowIfNull(publicUrl);
        if (!TrySplit(storagePath, out var normalized, out _))
        {
            return publicUrl;
        }

        var options = _options.CurrentValue;
        return MediaPolicy.IsPublic(normalized, options) ? publicUrl : AppendToken(publicUrl, normalized, lifetime, options, GetVersionBlocking(normalized));
    }

    public bool IsPublic(string normalizedPath)
    {
        ArgumentNullException.ThrowIfNull(normalizedPath);
        return MediaPolicy.IsPublic(normalizedPath, _options.CurrentValue);
    }

    public DateTimeOffset GetExpiry(TimeSpan? lifetime = null) =>
        DateTimeOffset.FromUnixTimeSeconds(MediaPolicy.ComputeExpiry(_timeProvider.GetUtcNow(), lifetime, _options.CurrentValue));

    private static bool TrySplit(string? path, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? normalized, out string query)
    {
        query = string.Empty;
        normalized = null;
        if (path is null)
        {
            return false;
        }

        var question = path.IndexOf('?', StringComparison.Ordinal);
        var pathPart = path;
        if (question >= 0)
        {
            pathPart = path[..question];
            query = path[question..];
        }

        return MediaPath.TryNormalize(pathPart, out normalized);
    }

    private string AppendToken(string url, string normalized, TimeSpan? lifetime, TimeTokenOptions options, string version)
    {
        var expiry = MediaPolicy.ComputeExpiry(_timeProvider.GetUtcNow(), lifetime, options);
        var token = TokenSigner.Sign(TokenPurpose.Media, _keyRing.GetKeyRing().Active, normalized, version, expiry);
        return MediaUrl.SetParameter(url, options.ParameterName, token);
    }

    private string GetVersionBlocking(string normalized)
    {
        try
        {
            var pending = _versions.GetVersionAsync(normalized, CancellationToken.None);
            var version = pending.IsCompletedSuccessfully ? pending.Result : pending.AsTask().GetAwaiter().GetResult();
            return version ?? string.Empty;
        }
        catch (MediaStoreUnavailableException)
        {
            Log.MediaSignedWithoutVersion(_logger);
            return string.Empty;
        }
    }
}
