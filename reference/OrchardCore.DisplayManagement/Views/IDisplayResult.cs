// Mirrors: src/OrchardCore/OrchardCore.DisplayManagement/Views/IDisplayResult.cs @ 3.0.1
using OrchardCore.DisplayManagement.Handlers;

namespace OrchardCore.DisplayManagement.Views;

public interface IDisplayResult
{
    Task ApplyAsync(BuildDisplayContext context);

    Task ApplyAsync(BuildEditorContext context);
}
