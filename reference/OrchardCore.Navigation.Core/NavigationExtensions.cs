// Mirrors: src/OrchardCore/OrchardCore.Navigation.Core/NavigationExtensions.cs @ 3.0.1
using Microsoft.Extensions.Localization;

namespace OrchardCore.Navigation;

public static class NavigationExtensions
{
    public const string AdminMenuPositionPrefix = "am";

    public const string Separator = "-";

    // Real: prefix + sublevel + separator + position.
    public static string PrefixPosition(this string position, string sublevel = "", string prefix = AdminMenuPositionPrefix, string separator = Separator)
        => throw new NotSupportedException();

    public static string PrefixPosition(this LocalizedString position, string sublevel = "", string prefix = AdminMenuPositionPrefix, string separator = Separator)
        => throw new NotSupportedException();
}
