// Mirrors: src/OrchardCore/OrchardCore.DisplayManagement/Entities/SiteDisplayDriver.cs @ 3.0.1
using OrchardCore.DisplayManagement.Handlers;
using OrchardCore.DisplayManagement.Views;
using OrchardCore.Settings;

namespace OrchardCore.DisplayManagement.Entities;

// A driver overrides SettingsGroupId (abstract) and the section overloads of EditAsync/UpdateAsync. The sealed
// Factory override is left out: it needs IShape, which the module does not use.
public abstract class SiteDisplayDriver<TSettings> : SectionDisplayDriverBase<ISite, TSettings>
    where TSettings : new()
{
    protected abstract string SettingsGroupId { get; }

    // Real: only for context.GroupId == SettingsGroupId, else NullShapeResult().
    public sealed override Task<IDisplayResult> DisplayAsync(ISite site, BuildDisplayContext context) => throw new NotSupportedException();

    public sealed override Task<IDisplayResult> EditAsync(ISite site, BuildEditorContext context) => throw new NotSupportedException();

    public sealed override Task<IDisplayResult> UpdateAsync(ISite site, UpdateEditorContext context) => throw new NotSupportedException();

    public sealed override IDisplayResult Display(ISite site, BuildDisplayContext context) => throw new NotSupportedException();

    public sealed override IDisplayResult Edit(ISite site, BuildEditorContext context) => throw new NotSupportedException();

    public sealed override bool CanHandleModel(ISite model) => throw new NotSupportedException();

    protected sealed override void BuildPrefix(ISite model, string htmlFieldPrefix) => throw new NotSupportedException();

    protected sealed override string PropertyName => throw new NotSupportedException();
}
