using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrchardCore.Media;
using TimeToken.Core;
using TimeToken.Core.Media;
using TimeToken.OrchardCore.Media;
using YesSql;

namespace TimeToken.OrchardCore.ShareLinks;

/// <summary>
/// Shares files and takes shares back: checks the rights, stores the grant in the tenant's database, signs the link,
/// revokes one grant or all grants of a file, and tells the node's grant cache at once.
/// </summary>
/// <remarks>
/// Rights, as the media library checks them for a file: <see cref="TimeTokenPermissions.ShareMediaLinks"/>, Orchard's
/// <c>ManageMedia</c>, and <c>ManageMediaFolder</c> on the file's path (which also applies "own media" and the
/// attached-media folders).
/// </remarks>
public sealed class MediaShareService
{
    /// <summary>The most grants the list shows.</summary>
    internal const int ListLimit = 200;

    private readonly IAuthorizationService _authorization;
    private readonly ISession _session;
    private readonly IMediaGrantLinkSigner _signer;
    private readonly IMediaGrantCache _cache;
    private readonly InnerMediaFileStore _media;
    private readonly IOptionsMonitor<TimeTokenOptions> _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    /// <summary>Creates the service (scoped: it uses the request's database session).</summary>
    /// <param name="authorization">Orchard's authorization.</param>
    /// <param name="session">The tenant's database session.</param>
    /// <param name="signer">The share-link signer.</param>
    /// <param name="cache">The node's grant cache.</param>
    /// <param name="media">The media store as Orchard registered it.</param>
    /// <param name="options">The time-token options.</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="logger">The logger.</param>
    internal MediaShareService(
        IAuthorizationService authorization,
        ISession session,
        IMediaGrantLinkSigner signer,
        IMediaGrantCache cache,
        InnerMediaFileStore media,
        IOptionsMonitor<TimeTokenOptions> options,
        TimeProvider timeProvider,
        ILogger<MediaShareService> logger)
    {
        _authorization = authorization;
        _session = session;
        _signer = signer;
        _cache = cache;
        _media = media;
        _options = options;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <summary>The longest lifetime a share link may have, in seconds (the longest link lifetime of the site).</summary>
    public int MaxLifetimeSeconds => Math.Max(1, _options.CurrentValue.EffectiveMaxLifetimeSeconds);

    /// <summary>Whether the user may share links at all.</summary>
    public Task<bool> MayShareAsync(ClaimsPrincipal user) => _authorization.AuthorizeAsync(user, TimeTokenPermissions.ShareMediaLinks);

    /// <summary>Shares a file: stores a grant and signs its link.</summary>
    /// <param name="user">The user sharing.</param>
    /// <param name="path">The media path of the file.</param>
    /// <param name="lifetimeSeconds">How long the link lives, 1 to <see cref="MaxLifetimeSeconds"/>.</param>
    /// <param name="downloadName">The name to download the file under, or empty.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The result; the link is relative when the media base is.</returns>
    public async Task<MediaShareResult> CreateAsync(ClaimsPrincipal user, string? path, long lifetimeSeconds, string? downloadName, CancellationToken cancellationToken)
    {
        var userName = user.Identity?.Name ?? string.Empty;
        if (!MediaPath.TryNormalize(path, out var normalized))
        {
            return Refuse(userName, MediaShareResult.Invalid("path", "The path is not a valid media path."));
        }

        if (!await MaySharePathAsync(user, normalized))
        {
            return Refuse(userName, new MediaShareResult(MediaShareOutcome.Forbidden));
        }

        if (lifetimeSeconds < 1 || lifetimeSeconds > MaxLifetimeSeconds)
        {
            return Refuse(userName, MediaShareResult.Invalid("lifetime", string.Create(CultureInfo.InvariantCulture, $"The lifetime must be 1 to {MaxLifetimeSeconds} seconds.")));
        }

        var name = string.IsNullOrWhiteSpace(downloadName) ? null : downloadName.Trim();
        if (name is not null && MediaDownloadName.Check(name) is { } reason)
        {
            return Refuse(userName, MediaShareResult.Invalid("downloadName", reason));
        }

        var grantId = MediaGrantId.New();
        MediaGrantLink? link;
        try
        {
            link = await _signer.SignAsync(_media.Store.MapPathToPublicUrl(string.Empty), normalized, grantId, TimeSpan.FromSeconds(lifetimeSeconds), cancellationToken);
        }
        catch (MediaStoreUnavailableException)
        {
            return Refuse(userName, new MediaShareResult(MediaShareOutcome.Unavailable));
        }
        catch (ArgumentException)
        {
            // The signer's one rule for what needs a link: a file in the public folder does not.
            return Refuse(userName, MediaShareResult.Invalid("path", "The file is in the public folder: anyone can open it without a link."));
        }

        if (link is null)
        {
            return Refuse(userName, new MediaShareResult(MediaShareOutcome.NotFound));
        }

        var grant = new MediaShareGrant
        {
            GrantId = grantId,
            Path = normalized,
            OwnerUserId = user.FindFirstValue(ClaimTypes.NameIdentifier) ?? string.Empty,
            OwnerUserName = userName,
            CreatedUtc = _timeProvider.GetUtcNow().UtcDateTime,
            ExpiresUtc = link.ExpiresAt.UtcDateTime,
            DownloadName = name,
        };

        // Stored and committed before the link is handed out: the gate reads it in a session of its own.
        await _session.SaveAsync(grant, false, null, cancellationToken);
        await _session.SaveChangesAsync(cancellationToken);
        Log.ShareLinkCreated(_logger, grantId, normalized, userName, link.ExpiresAt);
        return new MediaShareResult(MediaShareOutcome.Created, link, grant);
    }

    /// <summary>Revokes one grant; the link is refused from the next request on this node.</summary>
    /// <param name="user">The user revoking.</param>
    /// <param name="grantId">The grant id.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns><see cref="MediaShareOutcome.Created"/> when revoked (or already revoked), else why not.</returns>
    public async Task<MediaShareOutcome> RevokeAsync(ClaimsPrincipal user, string grantId, CancellationToken cancellationToken)
    {
        var grant = MediaGrantId.IsValid(grantId)
            ? await _session.Query<MediaShareGrant, MediaShareGrantIndex>(index => index.GrantId == grantId).FirstOrDefaultAsync(cancellationToken)
            : null;
        if (grant is null)
        {
            return MediaShareOutcome.NotFound;
        }

        if (!await MaySharePathAsync(user, grant.Path))
        {
            return MediaShareOutcome.Forbidden;
        }

        await RevokeAsync([grant], user, cancellationToken);
        return MediaShareOutcome.Created;
    }

    /// <summary>Revokes every standing grant of one file.</summary>
    /// <param name="user">The user revoking.</param>
    /// <param name="path">The media path.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The number of grants revoked, or <see langword="null"/> when the user may not.</returns>
    public async Task<int?> RevokeFileAsync(ClaimsPrincipal user, string? path, CancellationToken cancellationToken)
    {
        if (!MediaPath.TryNormalize(path, out var normalized) || !await MaySharePathAsync(user, normalized))
        {
            return null;
        }

        var grants = await _session.Query<MediaShareGrant, MediaShareGrantIndex>(index => index.Path == normalized && index.Revoked == false).ListAsync(cancellationToken);
        var list = grants.ToList();
        await RevokeAsync(list, user, cancellationToken);
        return list.Count;
    }

    /// <summary>The newest grants (at most <see cref="ListLimit"/>), expired and revoked ones too, of files the user may share.</summary>
    /// <param name="user">The user asking.</param>
    /// <param name="path">Only this file, when given.</param>
    /// <param name="userName">Only grants made by this user, when given.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The grants, newest first.</returns>
    public async Task<IReadOnlyList<MediaShareGrant>> ListAsync(ClaimsPrincipal user, string? path, string? userName, CancellationToken cancellationToken)
    {
        var query = _session.Query<MediaShareGrant, MediaShareGrantIndex>();
        if (!string.IsNullOrWhiteSpace(path) && MediaPath.TryNormalize(path, out var normalized))
        {
            query = query.Where(index => index.Path == normalized);
        }

        if (!string.IsNullOrWhiteSpace(userName))
        {
            var name = userName.Trim();
            query = query.Where(index => index.OwnerUserName == name);
        }

        var grants = await query.OrderByDescending(index => index.CreatedUtc).Take(ListLimit).ListAsync(cancellationToken);
        var visible = new List<MediaShareGrant>();
        foreach (var grant in grants)
        {
            if (await MaySharePathAsync(user, grant.Path))
            {
                visible.Add(grant);
            }
        }

        return visible;
    }

    private async Task RevokeAsync(IReadOnlyList<MediaShareGrant> grants, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var now = _timeProvider.GetUtcNow().UtcDateTime;
        var userName = user.Identity?.Name ?? string.Empty;
        var changed = grants.Where(g => g.RevokedUtc is null).ToList();
        foreach (var grant in changed)
        {
            grant.RevokedUtc = now;
            grant.RevokedByUserName = userName;
            await _session.SaveAsync(grant, false, null, cancellationToken);
        }

        await _session.SaveChangesAsync(cancellationToken);
        foreach (var grant in changed)
        {
            _cache.Invalidate(grant.GrantId);
            Log.ShareLinkRevoked(_logger, grant.GrantId, grant.Path, userName);
        }
    }

    private async Task<bool> MaySharePathAsync(ClaimsPrincipal user, string path) =>
        await _authorization.AuthorizeAsync(user, TimeTokenPermissions.ShareMediaLinks)
        && await _authorization.AuthorizeAsync(user, MediaPermissions.ManageMedia)
        && await _authorization.AuthorizeAsync(user, MediaPermissions.ManageMediaFolder, (object)path);

    private MediaShareResult Refuse(string userName, MediaShareResult result)
    {
        Log.ShareLinkRefused(_logger, userName, result.Outcome, result.Field ?? string.Empty);
        return result;
    }
}
