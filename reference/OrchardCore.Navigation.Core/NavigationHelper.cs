// Mirrors: src/OrchardCore/OrchardCore.Navigation.Core/NavigationHelper.cs @ 3.0.1
namespace OrchardCore.Navigation;

// Only UseLegacyFormat: the menu population helpers need shape and MenuItem types the module does not use.
public static class NavigationHelper
{
    // Real: the AppContext switch "LegacyAdminMenuNavigation".
    public static bool UseLegacyFormat() => throw new NotSupportedException();
}
