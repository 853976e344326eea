using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using OrchardCore.Admin;
using TimeToken.OrchardCore.ViewModels;

namespace TimeToken.OrchardCore.ShareLinks;

/// <summary>
/// The admin pages "Share link" (share one protected file, get the link) and "Shared links" (list, revoke one, revoke
/// all of a file), at <c>/Admin/TimeToken/ShareLinks/…</c>.
/// </summary>
[Admin("TimeToken/ShareLinks/{action}", "TimeTokenShareLinks.{action}")]
[global::OrchardCore.Modules.Feature(FeatureIds.ShareLinks)]
public sealed class ShareLinksController : Controller
{
    /// <summary>The controller's name, for routes.</summary>
    public const string Name = "ShareLinks";

    private static readonly (long Seconds, string Caption)[] s_presets = [(3600, "1 hour"), (86400, "1 day"), (604800, "7 days")];

    private readonly MediaShareService _shares;
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates the controller.</summary>
    /// <param name="shares">The share service.</param>
    /// <param name="timeProvider">The clock.</param>
    public ShareLinksController(MediaShareService shares, TimeProvider timeProvider)
    {
        _shares = shares;
        _timeProvider = timeProvider;
    }

    /// <summary>The form to share a file.</summary>
    /// <param name="path">The file to fill in, such as from the media library.</param>
    /// <returns>The page.</returns>
    [HttpGet]
    public async Task<IActionResult> Create(string? path)
    {
        if (!await _shares.MayShareAsync(User))
        {
            return Forbid();
        }

        return View(Prepare(new ShareLinkViewModel { Path = path, Lifetime = "86400" }));
    }

    /// <summary>Shares a file and shows the link.</summary>
    /// <param name="model">The form.</param>
    /// <returns>The page with the link, or with the reason it was not made (status 400, 403, 404 or 503).</returns>
    [HttpPost]
    [ValidateAntiForgeryToken]
    [ActionName(nameof(Create))]
    public async Task<IActionResult> CreatePost(ShareLinkViewModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (!await _shares.MayShareAsync(User))
        {
            return Forbid();
        }

        long seconds = -1;
        if (string.Equals(model.Lifetime, ShareLinkViewModel.CustomLifetime, StringComparison.Ordinal))
        {
            seconds = model.CustomMinutes is > 0 and <= int.MaxValue / 60 ? model.CustomMinutes.Value * 60L : -1;
        }
        else if (!long.TryParse(model.Lifetime, NumberStyles.None, CultureInfo.InvariantCulture, out seconds))
        {
            seconds = -1;
        }

        ModelState.Clear();
        var result = await _shares.CreateAsync(User, model.Path, seconds, model.DownloadName, HttpContext.RequestAborted);
        switch (result.Outcome)
        {
            case MediaShareOutcome.Created:
                model.Link = Absolute(result.Link!.Url);
                model.ExpiresAt = result.Link.ExpiresAt;
                return View(Prepare(model));
            case MediaShareOutcome.Forbidden:
                return Forbid();
            case MediaShareOutcome.Invalid:
                ModelState.AddModelError(result.Field == "lifetime" ? nameof(model.Lifetime) : result.Field == "downloadName" ? nameof(model.DownloadName) : nameof(model.Path), result.Message!);
                Response.StatusCode = StatusCodes.Status400BadRequest;
                return View(Prepare(model));
            case MediaShareOutcome.NotFound:
                ModelState.AddModelError(nameof(model.Path), "There is no such file.");
                Response.StatusCode = StatusCodes.Status404NotFound;
                return View(Prepare(model));
            default:
                ModelState.AddModelError(string.Empty, "The media store could not be asked for the file; try again.");
                Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                return View(Prepare(model));
        }
    }

    /// <summary>The list of share links.</summary>
    /// <param name="path">Only this file.</param>
    /// <param name="user">Only this user's links.</param>
    /// <returns>The page.</returns>
    [HttpGet]
    [Admin("TimeToken/ShareLinks", "TimeTokenShareLinks.Index")]
    public async Task<IActionResult> Index(string? path, string? user)
    {
        if (!await _shares.MayShareAsync(User))
        {
            return Forbid();
        }

        var grants = await _shares.ListAsync(User, path, user, HttpContext.RequestAborted);
        return View(new SharedLinksViewModel { Path = path, User = user, Grants = grants, NowUtc = _timeProvider.GetUtcNow().UtcDateTime });
    }

    /// <summary>Revokes one share link.</summary>
    /// <param name="grantId">The grant id.</param>
    /// <param name="path">The file filter to return to.</param>
    /// <param name="user">The user filter to return to.</param>
    /// <returns>Back to the list; 403 or 404 when the grant may not be or is not there.</returns>
    [HttpPost]
    [ValidateAntiForgeryToken]
    public async Task<IActionResult> Revoke(string grantId, string? path, string? user)
    {
        var outcome = await _shares.RevokeAsync(User, grantId ?? string.Empty, HttpContext.RequestAborted);
        return outcome switch
        {
            MediaShareOutcome.Created => RedirectToAction(nameof(Index), new { path, user }),
            MediaShareOutcome.Forbidden => Forbid(),
            _ => NotFound(),
        };
    }

    /// <summary>Revokes every share link of one file.</summary>
    /// <param name="path">The file.</param>
    /// <returns>Back to the list of that file; 403 when the user may not.</returns>
    [HttpPost]
    [ValidateAntiForgeryToken]
    public async Task<IActionResult> RevokeFile(string path)
    {
        var count = await _shares.RevokeFileAsync(User, path, HttpContext.RequestAborted);
        return count is null ? Forbid() : RedirectToAction(nameof(Index), new { path });
    }

    private ShareLinkViewModel Prepare(ShareLinkViewModel model)
    {
        var max = _shares.MaxLifetimeSeconds;
        model.MaxLifetimeSeconds = max;
        model.Presets = s_presets.Where(p => p.Seconds <= max).ToList();
        return model;
    }

    // A link for someone outside the site: the media base is usually a path; the request's scheme and host complete it.
    private string Absolute(string url) =>
        url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal)
            ? string.Concat(Request.Scheme, "://", Request.Host.Value, url)
            : url;
}
