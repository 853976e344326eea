// Mirrors: src/OrchardCore/OrchardCore.Abstractions/Modules/IStartup.cs @ 3.0.1
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace OrchardCore.Modules;

public interface IStartup
{
    int Order { get; }

    int ConfigureOrder { get; }

    void ConfigureServices(IServiceCollection services);

    void Configure(IApplicationBuilder builder, IEndpointRouteBuilder routes, IServiceProvider serviceProvider);
}
