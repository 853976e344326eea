using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Localization;
using OrchardCore.Navigation;
using TimeToken.OrchardCore.Drivers;

namespace TimeToken.OrchardCore;

/// <summary>
/// Adds "Time tokens" under Settings (Orchard Core 3.0.1's default admin menu), or under Configuration &gt; Settings
/// when the legacy admin menu is switched on.
/// </summary>
internal sealed class AdminMenu : AdminNavigationProvider
{
    private static readonly RouteValueDictionary _routeValues = new()
    {
        { "area", "OrchardCore.Settings" },
        { "groupId", TimeTokenSettingsDisplayDriver.GroupId },
    };

    private readonly IStringLocalizer S;

    /// <summary>Creates the menu provider.</summary>
    /// <param name="stringLocalizer">The localizer of the menu captions.</param>
    public AdminMenu(IStringLocalizer<AdminMenu> stringLocalizer)
    {
        S = stringLocalizer;
    }

    /// <inheritdoc />
    protected override ValueTask BuildAsync(NavigationBuilder builder)
    {
        if (NavigationHelper.UseLegacyFormat())
        {
            builder
                .Add(S["Configuration"], configuration => configuration
                    .Add(S["Settings"], settings => settings
                        .Add(S["Time tokens"], S["Time tokens"].PrefixPosition(), AddItem)));

            return ValueTask.CompletedTask;
        }

        builder
            .Add(S["Settings"], settings => settings
                .Add(S["Time tokens"], S["Time tokens"].PrefixPosition(), AddItem));

        return ValueTask.CompletedTask;
    }

    private static void AddItem(NavigationItemBuilder item) => item
        .AddClass("timetoken")
        .Id("timetoken")
        .Action("Index", "Admin", _routeValues)
        .Permission(TimeTokenPermissions.ManageTimeTokenSettings)
        .LocalNav();
}
