// Mirrors: src/OrchardCore/OrchardCore.DisplayManagement/Handlers/IBuildShapeContext.cs @ 3.0.1
namespace OrchardCore.DisplayManagement.Handlers;

// Only GroupId: the other members need shape and zone types the module does not use. The module never implements it.
public interface IBuildShapeContext
{
    string GroupId { get; }
}
