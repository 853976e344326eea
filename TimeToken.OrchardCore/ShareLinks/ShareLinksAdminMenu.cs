using Microsoft.Extensions.Localization;
using OrchardCore.Navigation;

namespace TimeToken.OrchardCore.ShareLinks;

/// <summary>
/// Adds "Share link" and "Shared links" beside the media library: under Media (Orchard Core 3.0.1's default admin
/// menu), or under Content when the legacy admin menu is switched on.
/// </summary>
[global::OrchardCore.Modules.Feature(FeatureIds.ShareLinks)]
internal sealed class ShareLinksAdminMenu : AdminNavigationProvider
{
    private readonly IStringLocalizer S;

    /// <summary>Creates the menu provider.</summary>
    /// <param name="stringLocalizer">The localizer of the menu captions.</param>
    public ShareLinksAdminMenu(IStringLocalizer<ShareLinksAdminMenu> stringLocalizer)
    {
        S = stringLocalizer;
    }

    /// <inheritdoc />
    protected override ValueTask BuildAsync(NavigationBuilder builder)
    {
        builder.Add(NavigationHelper.UseLegacyFormat() ? S["Content"] : S["Media"], media => media
            .Add(S["Share link"], S["Share link"].PrefixPosition("2"), item => item
                .Id("timetoken-menu-share-link")
                .Action(nameof(ShareLinksController.Create), ShareLinksController.Name, FeatureIds.TimeToken)
                .Permission(TimeTokenPermissions.ShareMediaLinks)
                .LocalNav())
            .Add(S["Shared links"], S["Shared links"].PrefixPosition("3"), item => item
                .Id("timetoken-menu-shared-links")
                .Action(nameof(ShareLinksController.Index), ShareLinksController.Name, FeatureIds.TimeToken)
                .Permission(TimeTokenPermissions.ShareMediaLinks)
                .LocalNav()));

        return ValueTask.CompletedTask;
    }
}
