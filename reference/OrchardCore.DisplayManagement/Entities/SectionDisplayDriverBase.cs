// Mirrors: src/OrchardCore/OrchardCore.DisplayManagement/Entities/SectionDisplayDriverBase.cs @ 3.0.1
using OrchardCore.DisplayManagement.Handlers;
using OrchardCore.DisplayManagement.Views;
using OrchardCore.Entities;

namespace OrchardCore.DisplayManagement.Entities;

public abstract class SectionDisplayDriverBase<TModel, TSection> : DisplayDriver<TModel>
    where TSection : new()
    where TModel : class, IEntity
{
    // Real: typeof(TSection).Name.
    protected virtual string PropertyName => throw new NotSupportedException();

    public override Task<IDisplayResult> DisplayAsync(TModel model, BuildDisplayContext context) => throw new NotSupportedException();

    public virtual Task<IDisplayResult> DisplayAsync(TModel model, TSection section, BuildDisplayContext context) => throw new NotSupportedException();

    public virtual IDisplayResult Display(TModel model, TSection section, BuildDisplayContext context) => throw new NotSupportedException();

    public override Task<IDisplayResult> EditAsync(TModel model, BuildEditorContext context) => throw new NotSupportedException();

    public virtual Task<IDisplayResult> EditAsync(TModel model, TSection section, BuildEditorContext context) => throw new NotSupportedException();

    public virtual IDisplayResult Edit(TModel model, TSection section, BuildEditorContext context) => throw new NotSupportedException();

    // Real: reads the section, calls UpdateAsync(model, section, context) and stores the section back when valid.
    public override Task<IDisplayResult> UpdateAsync(TModel model, UpdateEditorContext context) => throw new NotSupportedException();

    public virtual Task<IDisplayResult> UpdateAsync(TModel model, TSection section, UpdateEditorContext context) => throw new NotSupportedException();

    protected override void BuildPrefix(TModel model, string htmlFieldPrefix) => throw new NotSupportedException();
}
