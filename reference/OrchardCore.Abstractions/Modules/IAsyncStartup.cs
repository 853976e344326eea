// Mirrors: src/OrchardCore/OrchardCore.Abstractions/Modules/IAsyncStartup.cs @ 3.0.1
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace OrchardCore.Modules;

public interface IAsyncStartup
{
    ValueTask ConfigureAsync(IApplicationBuilder builder, IEndpointRouteBuilder routes, IServiceProvider serviceProvider);
}
