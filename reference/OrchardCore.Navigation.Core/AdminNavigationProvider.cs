// Mirrors: src/OrchardCore/OrchardCore.Navigation.Core/AdminNavigationProvider.cs @ 3.0.1
namespace OrchardCore.Navigation;

public abstract class AdminNavigationProvider : NamedNavigationProvider
{
    // Real: base(NavigationConstants.AdminId), which is "admin".
    public AdminNavigationProvider()
        : base("admin")
    {
    }
}
