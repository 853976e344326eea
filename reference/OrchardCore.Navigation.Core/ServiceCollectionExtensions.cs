// Mirrors: src/OrchardCore/OrchardCore.Navigation.Core/ServiceCollectionExtensions.cs @ 3.0.1
using Microsoft.Extensions.DependencyInjection;

namespace OrchardCore.Navigation;

public static class ServiceCollectionExtensions
{
    public static IServiceCollection AddNavigationProvider<TProvider>(this IServiceCollection services)
        where TProvider : class, INavigationProvider
        => throw new NotSupportedException();
}
