using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Localization;
using Microsoft.Extensions.Logging;
using OrchardCore.Admin;
using OrchardCore.DisplayManagement.Notify;
using OrchardCore.Environment.Shell;
using TimeToken.Core.Signing;
using TimeToken.OrchardCore.Drivers;

namespace TimeToken.OrchardCore.Controllers;

/// <summary>
/// "Revoke all links now" (<c>POST /Admin/TimeToken/RevokeAllLinks</c>, the button of the settings page): replaces
/// every signing key of the tenant by a new one, so every media link and upload slot issued before is refused from
/// the next request. Public files need no token and are not concerned.
/// </summary>
/// <remarks>
/// Needs <see cref="TimeTokenPermissions.ManageTimeTokenSettings"/>, Orchard's antiforgery token and the confirmation
/// field <c>ConfirmRevokeAllLinks=true</c>; without the confirmation nothing changes. Each revocation is an audit
/// event (1305): who, when, and the key ids, never key material. The tenant is released afterwards, so every
/// node of a web farm reads the new key ring from the database.
/// </remarks>
[Admin("TimeToken/{action}", "TimeToken.{action}")]
public sealed class SigningKeysController : Controller
{
    internal const string ConfirmField = "ConfirmRevokeAllLinks";

    private readonly IAuthorizationService _authorizationService;
    private readonly ISigningKeyManager _keys;
    private readonly IShellReleaseManager _shellReleaseManager;
    private readonly INotifier _notifier;
    private readonly ILogger _logger;
    private readonly IHtmlLocalizer H;

    /// <summary>Creates the controller.</summary>
    /// <param name="authorizationService">Checks the permission.</param>
    /// <param name="keys">The tenant's signing keys.</param>
    /// <param name="shellReleaseManager">Releases the tenant after a revocation.</param>
    /// <param name="notifier">Shows the outcome on the settings page.</param>
    /// <param name="htmlLocalizer">The localizer of the notes.</param>
    /// <param name="logger">The logger of the audit event.</param>
    public SigningKeysController(
        IAuthorizationService authorizationService,
        ISigningKeyManager keys,
        IShellReleaseManager shellReleaseManager,
        INotifier notifier,
        IHtmlLocalizer<SigningKeysController> htmlLocalizer,
        ILogger<SigningKeysController> logger)
    {
        _authorizationService = authorizationService;
        _keys = keys;
        _shellReleaseManager = shellReleaseManager;
        _notifier = notifier;
        H = htmlLocalizer;
        _logger = logger;
    }

    /// <summary>Revokes every signing key when confirmed, then shows the settings page again.</summary>
    /// <param name="confirmRevokeAllLinks">The confirmation checkbox of the settings page.</param>
    /// <returns>A redirect to the settings page, or 403 without the permission.</returns>
    [HttpPost]
    [ValidateAntiForgeryToken]
    public async Task<IActionResult> RevokeAllLinks([FromForm(Name = ConfirmField)] bool confirmRevokeAllLinks)
    {
        if (!await _authorizationService.AuthorizeAsync(User, TimeTokenPermissions.ManageTimeTokenSettings).ConfigureAwait(false))
        {
            return Forbid();
        }

        if (!confirmRevokeAllLinks)
        {
            await _notifier.WarningAsync(H["Tick the confirmation to revoke every link. Nothing was revoked."]).ConfigureAwait(false);
            return RedirectToSettings();
        }

        var revocation = await _keys.RevokeAllAsync(HttpContext.RequestAborted).ConfigureAwait(false);
        Log.SigningKeysRevoked(
            _logger,
            User.FindFirstValue(ClaimTypes.NameIdentifier) ?? string.Empty,
            User.Identity?.Name ?? string.Empty,
            revocation.Active.CreatedAt,
            string.Join(", ", revocation.RevokedKeyIds),
            revocation.Active.Id);
        _shellReleaseManager.RequestRelease();
        await _notifier.SuccessAsync(H["Every link and upload slot issued until now is refused. The new signing key is {0}.", revocation.Active.Id]).ConfigureAwait(false);
        return RedirectToSettings();
    }

    private RedirectToActionResult RedirectToSettings() =>
        RedirectToAction("Index", "Admin", new { area = "OrchardCore.Settings", groupId = TimeTokenSettingsDisplayDriver.GroupId });
}
