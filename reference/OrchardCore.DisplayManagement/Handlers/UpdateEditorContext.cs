// Mirrors: src/OrchardCore/OrchardCore.DisplayManagement/Handlers/UpdateEditorContext.cs @ 3.0.1
namespace OrchardCore.DisplayManagement.Handlers;

// Constructor: see BuildShapeContext.
public class UpdateEditorContext : BuildEditorContext
{
    private protected UpdateEditorContext()
    {
    }
}
