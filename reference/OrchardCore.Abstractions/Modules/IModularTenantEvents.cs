// Mirrors: src/OrchardCore/OrchardCore.Abstractions/Modules/IModularTenantEvents.cs @ 3.0.1
namespace OrchardCore.Modules;

// Only the type: the module derives from ModularTenantEvents and calls no member through the interface.
public interface IModularTenantEvents
{
}
