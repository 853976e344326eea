// Mirrors: src/OrchardCore/OrchardCore.Navigation.Core/NavigationItemBuilder.cs @ 3.0.1
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Localization;
using OrchardCore.Security.Permissions;

namespace OrchardCore.Navigation;

// The constructor taking a MenuItem, and the Build override, are left out: the module does not use MenuItem.
public class NavigationItemBuilder : NavigationBuilder
{
    public NavigationItemBuilder() => throw new NotSupportedException();

    public NavigationItemBuilder Caption(LocalizedString caption) => throw new NotSupportedException();

    public NavigationItemBuilder Position(string position) => throw new NotSupportedException();

    public NavigationItemBuilder Priority(int priority) => throw new NotSupportedException();

    public NavigationItemBuilder Url(string url) => throw new NotSupportedException();

    public NavigationItemBuilder Id(string id) => throw new NotSupportedException();

    public NavigationItemBuilder AddClass(string className) => throw new NotSupportedException();

    public NavigationItemBuilder LocalNav() => throw new NotSupportedException();

    public NavigationItemBuilder Permission(Permission permission) => throw new NotSupportedException();

    public NavigationItemBuilder Permissions(IEnumerable<Permission> permissions) => throw new NotSupportedException();

    public NavigationItemBuilder Action(string actionName) => throw new NotSupportedException();

    public NavigationItemBuilder Action(string actionName, string controllerName) => throw new NotSupportedException();

    public NavigationItemBuilder Action(string actionName, string controllerName, object values) => throw new NotSupportedException();

    public NavigationItemBuilder Action(string actionName, string controllerName, RouteValueDictionary values) => throw new NotSupportedException();

    public NavigationItemBuilder Action(string actionName, string controllerName, string areaName) => throw new NotSupportedException();

    public NavigationItemBuilder Action(string actionName, string controllerName, string areaName, RouteValueDictionary values) => throw new NotSupportedException();
}
