// Mirrors: src/OrchardCore/OrchardCore.Abstractions/Modules/ModularTenantEvents.cs @ 3.0.1
namespace OrchardCore.Modules;

public class ModularTenantEvents : IModularTenantEvents
{
    public virtual Task ActivatedAsync() => throw new NotSupportedException();
}
