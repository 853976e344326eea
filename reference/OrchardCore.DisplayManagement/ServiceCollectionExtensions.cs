// Mirrors: src/OrchardCore/OrchardCore.DisplayManagement/ServiceCollectionExtensions.cs @ 3.0.1
using Microsoft.Extensions.DependencyInjection;
using OrchardCore.Settings;

namespace OrchardCore.DisplayManagement.Handlers;

public static class ServiceCollectionExtensions
{
    public static IServiceCollection AddSiteDisplayDriver<TDriver>(this IServiceCollection services)
        where TDriver : class, IDisplayDriver<ISite>
        => throw new NotSupportedException();
}
