// Mirrors: src/OrchardCore/OrchardCore.Liquid.Abstractions/LiquidTemplateContext.cs @ 3.0.1
using Fluid;

namespace OrchardCore.Liquid;

// Data holder: tests create one to call an ILiquidFilter, so the constructor and Services are real.
public class LiquidTemplateContext : TemplateContext
{
    public LiquidTemplateContext(IServiceProvider services, TemplateOptions options)
        : base(options)
    {
        Services = services;
    }

    public IServiceProvider Services { get; }
}
