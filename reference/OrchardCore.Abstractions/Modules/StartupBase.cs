// Mirrors: src/OrchardCore/OrchardCore.Abstractions/Modules/StartupBase.cs @ 3.0.1
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace OrchardCore.Modules;

public abstract class StartupBase : IStartup, IAsyncStartup
{
    // Real: OrchardCoreConstants.ConfigureOrder.Default (0).
    public virtual int Order => throw new NotSupportedException();

    // Real: => Order.
    public virtual int ConfigureOrder => throw new NotSupportedException();

    public virtual void ConfigureServices(IServiceCollection services) => throw new NotSupportedException();

    public virtual void Configure(IApplicationBuilder app, IEndpointRouteBuilder routes, IServiceProvider serviceProvider)
        => throw new NotSupportedException();

    // Real: => default.
    public virtual ValueTask ConfigureAsync(IApplicationBuilder app, IEndpointRouteBuilder routes, IServiceProvider serviceProvider)
        => throw new NotSupportedException();
}
