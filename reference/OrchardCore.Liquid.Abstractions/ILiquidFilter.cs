// Mirrors: src/OrchardCore/OrchardCore.Liquid.Abstractions/ILiquidFilter.cs @ 3.0.1
using Fluid;
using Fluid.Values;

namespace OrchardCore.Liquid;

public interface ILiquidFilter
{
    ValueTask<FluidValue> ProcessAsync(FluidValue input, FilterArguments arguments, LiquidTemplateContext context);
}
