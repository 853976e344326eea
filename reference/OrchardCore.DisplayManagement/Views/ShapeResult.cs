// Mirrors: src/OrchardCore/OrchardCore.DisplayManagement/Views/ShapeResult.cs @ 3.0.1
using OrchardCore.DisplayManagement.Handlers;

namespace OrchardCore.DisplayManagement.Views;

// Built by DisplayDriverBase helpers, never by the module: the real constructors take IShape factories, so a
// constructor outside the public surface stands in for them.
public class ShapeResult : IDisplayResult
{
    private ShapeResult()
    {
    }

    public Task ApplyAsync(BuildDisplayContext context) => throw new NotSupportedException();

    public Task ApplyAsync(BuildEditorContext context) => throw new NotSupportedException();

    public ShapeResult Location(string location) => throw new NotSupportedException();

    public ShapeResult OnGroup(string groupId) => throw new NotSupportedException();
}
