// Mirrors: src/OrchardCore/OrchardCore.DisplayManagement/Handlers/BuildDisplayContext.cs @ 3.0.1
namespace OrchardCore.DisplayManagement.Handlers;

// Constructor: see BuildShapeContext.
public class BuildDisplayContext : BuildShapeContext
{
    private protected BuildDisplayContext()
    {
    }
}
