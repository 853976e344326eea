// Mirrors: src/OrchardCore/OrchardCore.DisplayManagement/Handlers/DisplayDriverBase.cs @ 3.0.1
using OrchardCore.DisplayManagement.Views;

namespace OrchardCore.DisplayManagement.Handlers;

// Only the shape helpers the module uses. Their view models must not be sealed (they become Castle proxies).
public class DisplayDriverBase
{
    protected string Prefix { get; set; }

    public ShapeResult Initialize<TModel>(string shapeType, Action<TModel> initialize)
        where TModel : class
        => throw new NotSupportedException();
}
