// Mirrors: src/OrchardCore/OrchardCore.Navigation.Core/INavigationProvider.cs @ 3.0.1
namespace OrchardCore.Navigation;

public interface INavigationProvider
{
    ValueTask BuildNavigationAsync(string name, NavigationBuilder builder);
}
