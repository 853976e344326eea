// Mirrors: src/OrchardCore/OrchardCore.Liquid.Abstractions/ServiceCollectionExtensions.cs @ 3.0.1
using Microsoft.Extensions.DependencyInjection;

namespace OrchardCore.Liquid;

public static class ServiceCollectionExtensions
{
    // Real: adds the filter to TemplateOptions.Filters under `name` and registers TLiquidFilter as scoped.
    public static IServiceCollection AddLiquidFilter<TLiquidFilter>(this IServiceCollection services, string name)
        where TLiquidFilter : class, ILiquidFilter
        => throw new NotSupportedException();
}
