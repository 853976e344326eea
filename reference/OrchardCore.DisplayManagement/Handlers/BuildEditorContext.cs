// Mirrors: src/OrchardCore/OrchardCore.DisplayManagement/Handlers/BuildEditorContext.cs @ 3.0.1
namespace OrchardCore.DisplayManagement.Handlers;

// Constructor: see BuildShapeContext.
public class BuildEditorContext : BuildShapeContext
{
    private protected BuildEditorContext()
    {
    }

    public bool IsNew { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
}
