// Mirrors: src/OrchardCore/OrchardCore.DisplayManagement/Handlers/BuildShapeContext.cs @ 3.0.1
using OrchardCore.DisplayManagement.ModelBinding;

namespace OrchardCore.DisplayManagement.Handlers;

// The real protected constructor takes shape, factory and zone types the module does not use; the module never
// creates contexts, so a constructor outside the public surface stands in for it.
public abstract class BuildShapeContext : IBuildShapeContext
{
    private protected BuildShapeContext()
    {
    }

    public string GroupId => throw new NotSupportedException();

    public IUpdateModel Updater => throw new NotSupportedException();

    public string HtmlFieldPrefix { get => throw new NotSupportedException(); protected set => throw new NotSupportedException(); }
}
