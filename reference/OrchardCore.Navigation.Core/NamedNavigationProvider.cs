// Mirrors: src/OrchardCore/OrchardCore.Navigation.Core/NamedNavigationProvider.cs @ 3.0.1
namespace OrchardCore.Navigation;

public abstract class NamedNavigationProvider : INavigationProvider
{
    protected readonly string Name;

    protected NamedNavigationProvider(string name)
    {
        Name = name;
    }

    // Real: calls BuildAsync when name equals Name.
    public ValueTask BuildNavigationAsync(string name, NavigationBuilder builder) => throw new NotSupportedException();

    protected abstract ValueTask BuildAsync(NavigationBuilder builder);
}
