using Microsoft.Extensions.Options;
using TimeToken.Core.Signing;

namespace TimeToken.Core.Media;

/// <summary>Signs share links with the ring's active key, bound to the file's version and to the grant id.</summary>
/// <remarks>
/// A share link's expiry is not rounded for caches, as an ordinary link's is: it is shown to a person and ends when
/// it says. Unlike an ordinary link, it is never made without the file's version: a store that cannot answer fails
/// the request to share.
/// </remarks>
internal sealed class MediaGrantLinkSigner : IMediaGrantLinkSigner
{
    private readonly IMediaFileVersionProvider _versions;
    private readonly IOptionsMonitor<TimeTokenOptions> _options;
    private readonly IKeyRingProvider _keyRing;
    private readonly TimeProvider _timeProvider;

    public MediaGrantLinkSigner(IMediaFileVersionProvider versions, IOptionsMonitor<TimeTokenOptions> options, IKeyRingProvider keyRing, TimeProvider timeProvider)
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

    public async ValueTask<MediaGrantLink?> SignAsync(string mediaBaseUrl, string path, string grantId, TimeSpan lifetime, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mediaBaseUrl);
        ArgumentNullException.ThrowIfNull(path);
        var options = _options.CurrentValue;
        if (!MediaPath.TryNormalize(path, out var normalized))
        {
            throw new ArgumentException("Not a valid media path.", nameof(path));
        }

        if (MediaPolicy.IsPublic(normalized, options))
        {
            throw new ArgumentException("The file is in the public folder: it needs no share link.", nameof(path));
        }

        if (!MediaGrantId.IsValid(grantId))
        {
            throw new ArgumentException("Not a grant id.", nameof(grantId));
        }

        var max = Math.Max(1, options.EffectiveMaxLifetimeSeconds);
        if (lifetime <= TimeSpan.Zero || lifetime > TimeSpan.FromSeconds(max))
        {
            throw new ArgumentOutOfRangeException(nameof(lifetime), lifetime, $"A share link lives more than 0 and at most {max} seconds.");
        }

        var version = await _versions.RefreshAsync(normalized, cancellationToken).ConfigureAwait(false);
        if (version is null)
        {
            return null;
        }

        var expiry = LinkLifetime.ComputeExpiry(_timeProvider.GetUtcNow(), lifetime, options, roundForCache: false);
        var token = TokenSigner.SignGrant(_keyRing.GetKeyRing().Active, normalized, version.Value.ToString(), grantId, expiry);
        var url = mediaBaseUrl.TrimEnd('/') + "/" + MediaUrl.EscapePath(normalized);
        return new MediaGrantLink(MediaUrl.SetParameter(url, options.ParameterName, token), normalized, DateTimeOffset.FromUnixTimeSeconds(expiry));
    }
}
