// Mirrors: src/OrchardCore/OrchardCore.Navigation.Core/NavigationBuilder.cs @ 3.0.1
using Microsoft.Extensions.Localization;

namespace OrchardCore.Navigation;

// Only the Add overloads the module calls; Build and Remove need MenuItem, which the module does not use.
public class NavigationBuilder
{
    public NavigationBuilder()
    {
    }

    public NavigationBuilder Add(LocalizedString caption, string position, Action<NavigationItemBuilder> itemBuilder, IEnumerable<string> classes = null, int priority = 0)
        => throw new NotSupportedException();

    public NavigationBuilder Add(LocalizedString caption, Action<NavigationItemBuilder> itemBuilder, IEnumerable<string> classes = null)
        => throw new NotSupportedException();
}
