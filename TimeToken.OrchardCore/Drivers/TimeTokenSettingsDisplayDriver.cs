using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;
using OrchardCore.DisplayManagement.Entities;
using OrchardCore.DisplayManagement.Handlers;
using OrchardCore.DisplayManagement.ModelBinding;
using OrchardCore.DisplayManagement.Views;
using OrchardCore.Environment.Shell;
using OrchardCore.Environment.Shell.Configuration;
using OrchardCore.Security.Permissions;
using OrchardCore.Settings;
using TimeToken.Core;
using TimeToken.Core.Signing;
using TimeToken.OrchardCore.RichText;
using TimeToken.OrchardCore.Settings;
using TimeToken.OrchardCore.ViewModels;

namespace TimeToken.OrchardCore.Drivers;

/// <summary>
/// The "Time tokens" settings page (<c>/Admin/Settings/timetoken</c>): edits <see cref="TimeTokenSettings"/>, shows
/// the fields set by configuration read-only, and rotates the signing key on confirmed request.
/// </summary>
/// <remarks>
/// Both Edit and Update need <see cref="TimeTokenPermissions.ManageTimeTokenSettings"/>; without it they return
/// <see langword="null"/> and nothing is saved. An invalid form changes nothing. A valid save requests a release of
/// the tenant, so the options are read again.
/// </remarks>
internal sealed class TimeTokenSettingsDisplayDriver : SiteDisplayDriver<TimeTokenSettings>
{
    /// <summary>The settings group, in the URL <c>/Admin/Settings/timetoken</c>.</summary>
    public const string GroupId = "timetoken";

    private readonly IShellReleaseManager _shellReleaseManager;
    private readonly IHttpContextAccessor _httpContextAccessor;
    private readonly IShellConfiguration _shellConfiguration;
    private readonly ISigningKeyManager _keys;
    private readonly ILogger _logger;
    private readonly IStringLocalizer S;

    /// <summary>Creates the driver.</summary>
    /// <param name="shellReleaseManager">Releases the tenant after a save.</param>
    /// <param name="httpContextAccessor">Gives the current user.</param>
    /// <param name="authorizationService">Checks the permission.</param>
    /// <param name="shellConfiguration">The tenant's configuration, whose <c>OrchardCore_TimeToken</c> values lock fields.</param>
    /// <param name="keys">The tenant's signing keys.</param>
    /// <param name="stringLocalizer">The localizer of validation messages.</param>
    /// <param name="logger">The logger.</param>
    public TimeTokenSettingsDisplayDriver(
        IShellReleaseManager shellReleaseManager,
        IHttpContextAccessor httpContextAccessor,
        IAuthorizationService authorizationService,
        IShellConfiguration shellConfiguration,
        ISigningKeyManager keys,
        IStringLocalizer<TimeTokenSettingsDisplayDriver> stringLocalizer,
        ILogger<TimeTokenSettingsDisplayDriver> logger)
    {
        ArgumentNullException.ThrowIfNull(authorizationService);
        _shellReleaseManager = shellReleaseManager;
        _httpContextAccessor = httpContextAccessor;
        _shellConfiguration = shellConfiguration;
        _keys = keys;
        S = stringLocalizer;
        _logger = logger;
        AuthorizeAsync = (user, permission) => authorizationService.AuthorizeAsync(user, permission);
    }

    /// <inheritdoc />
    protected override string SettingsGroupId => GroupId;

    /// <summary>The permission check; Orchard's <c>AuthorizeAsync</c> extension (replaced in tests only).</summary>
    internal Func<ClaimsPrincipal?, Permission, Task<bool>> AuthorizeAsync { get; set; }

    /// <inheritdoc />
    public override async Task<IDisplayResult?> EditAsync(ISite site, TimeTokenSettings settings, BuildEditorContext context)
    {
        if (!await IsAuthorizedAsync().ConfigureAwait(false))
        {
            return null;
        }

        context.AddTenantReloadWarningWrapper();
        return Initialize<TimeTokenSettingsViewModel>("TimeTokenSettings_Edit", model => FillAsync(model, settings))
            .Location("Content")
            .OnGroup(SettingsGroupId);
    }

    /// <inheritdoc />
    public override async Task<IDisplayResult?> UpdateAsync(ISite site, TimeTokenSettings settings, UpdateEditorContext context)
    {
        if (!await IsAuthorizedAsync().ConfigureAwait(false))
        {
            return null;
        }

        await UpdateSettingsAsync(settings, context.Updater).ConfigureAwait(false);
        return await EditAsync(site, settings, context).ConfigureAwait(false);
    }

    /// <summary>Fills the form for the stored settings when the editor shape is built.</summary>
    internal async ValueTask FillAsync(TimeTokenSettingsViewModel model, TimeTokenSettings settings)
    {
        var activeKey = await _keys.GetActiveKeyAsync(RequestAborted).ConfigureAwait(false);
        var (locked, effective, effectiveRichText) = ApplyConfiguration(settings);
        TimeTokenSettingsEditor.Fill(model, settings, locked, effective, effectiveRichText, activeKey);
    }

    /// <summary>
    /// Binds the posted form and applies it when valid; rotates the key when asked and confirmed, and only when the
    /// model state as a whole is valid (binding errors included), since otherwise Orchard saves nothing.
    /// </summary>
    /// <returns>Whether the settings were applied and will be saved.</returns>
    internal async Task<bool> UpdateSettingsAsync(TimeTokenSettings settings, IUpdateModel updater)
    {
        var posted = new TimeTokenSettingsViewModel();
        await updater.TryUpdateModelAsync(posted, Prefix).ConfigureAwait(false);

        // Orchard saves the section, and the Settings controller the site, only when the whole model state is valid.
        // A value the binder could not convert (such as "abc" for the optional longest lifetime) is an error there
        // although it leaves a default our checks accept: then only report the errors, change and rotate nothing.
        var bound = updater.ModelState.IsValid;
        var result = TimeTokenSettingsEditor.Apply(posted, settings, ApplyConfiguration(settings).Locked, commit: bound, (field, message) =>
            updater.ModelState.AddModelError(string.IsNullOrEmpty(Prefix) ? field : Prefix + "." + field, S[message]));
        if (!bound || !result.Applied)
        {
            return false;
        }

        if (result.RotateKey)
        {
            await _keys.RotateAsync(RequestAborted).ConfigureAwait(false);
            Log.KeyRotatedFromSettings(_logger);
        }

        _shellReleaseManager.RequestRelease();
        return true;
    }

    // The fields set by configuration, and the options in force for these settings.
    private (IReadOnlySet<string> Locked, TimeTokenOptions Effective, RichTextOptions EffectiveRichText) ApplyConfiguration(TimeTokenSettings settings)
    {
        var effective = new TimeTokenOptions();
        var effectiveRichText = new RichTextOptions();
        var locked = TimeTokenSettingsMapper.Apply(settings, _shellConfiguration.GetSection(TimeTokenSettingsMapper.OrchardSectionName), effective, effectiveRichText);
        return (locked, effective, effectiveRichText);
    }

    private CancellationToken RequestAborted => _httpContextAccessor.HttpContext?.RequestAborted ?? CancellationToken.None;

    private Task<bool> IsAuthorizedAsync() => AuthorizeAsync(_httpContextAccessor.HttpContext?.User, TimeTokenPermissions.ManageTimeTokenSettings);
}
