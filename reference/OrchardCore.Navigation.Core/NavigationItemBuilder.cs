// Mirrors: src/OrchardCore/OrchardCore.Navigation.Core/NavigationItemBuilder.cs @ 3.0.1
using Microsoft.AspNetCore.Routing;
using OrchardCore.Security.Permissions;

namespace OrchardCore.Navigation;

// Only the members the module calls. The constructor taking a MenuItem, and the Build override, are left out: the
// module does not use MenuItem.
public class NavigationItemBuilder : NavigationBuilder
{
    public NavigationItemBuilder() => throw new NotSupportedException();

    public NavigationItemBuilder Id(string id) => throw new NotSupportedException();

    public NavigationItemBuilder AddClass(string className) => throw new NotSupportedException();

    public NavigationItemBuilder LocalNav() => throw new NotSupportedException();

    public NavigationItemBuilder Permission(Permission permission) => throw new NotSupportedException();

    public NavigationItemBuilder Action(string actionName, string controllerName, RouteValueDictionary values) => throw new NotSupportedException();
}
