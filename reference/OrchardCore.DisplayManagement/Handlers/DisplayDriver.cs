// Mirrors: src/OrchardCore/OrchardCore.DisplayManagement/Handlers/DisplayDriver.cs @ 3.0.1
using OrchardCore.DisplayManagement.Views;

namespace OrchardCore.DisplayManagement.Handlers;

public abstract class DisplayDriver<TModel, TDisplayContext, TEditorContext, TUpdateContext> :
    DisplayDriverBase,
    IDisplayDriver<TModel, TDisplayContext, TEditorContext, TUpdateContext>
    where TModel : class
    where TDisplayContext : BuildDisplayContext
    where TEditorContext : BuildEditorContext
    where TUpdateContext : UpdateEditorContext
{
    public virtual bool CanHandleModel(TModel model) => throw new NotSupportedException();

    // Real: explicit implementations that check CanHandleModel and BuildPrefix, then call the virtual methods below.
    Task<IDisplayResult> IDisplayDriver<TModel, TDisplayContext, TEditorContext, TUpdateContext>.BuildDisplayAsync(TModel model, TDisplayContext context)
        => throw new NotSupportedException();

    Task<IDisplayResult> IDisplayDriver<TModel, TDisplayContext, TEditorContext, TUpdateContext>.BuildEditorAsync(TModel model, TEditorContext context)
        => throw new NotSupportedException();

    Task<IDisplayResult> IDisplayDriver<TModel, TDisplayContext, TEditorContext, TUpdateContext>.UpdateEditorAsync(TModel model, TUpdateContext context)
        => throw new NotSupportedException();

    public virtual Task<IDisplayResult> DisplayAsync(TModel model, TDisplayContext context) => throw new NotSupportedException();

    public virtual IDisplayResult Display(TModel model, TDisplayContext context) => throw new NotSupportedException();

    public virtual Task<IDisplayResult> EditAsync(TModel model, TEditorContext context) => throw new NotSupportedException();

    public virtual IDisplayResult Edit(TModel model, TEditorContext context) => throw new NotSupportedException();

    protected static IDisplayResult NullShapeResult() => throw new NotSupportedException();

    public virtual Task<IDisplayResult> UpdateAsync(TModel model, TUpdateContext context) => throw new NotSupportedException();

    protected virtual void BuildPrefix(TModel model, string htmlFieldPrefix) => throw new NotSupportedException();
}

public abstract class DisplayDriver<TModel> :
    DisplayDriver<TModel, BuildDisplayContext, BuildEditorContext, UpdateEditorContext>,
    IDisplayDriver<TModel>
    where TModel : class;
