// Mirrors: src/OrchardCore/OrchardCore.DisplayManagement/Extensions/BuildShapeContextExtensions.cs @ 3.0.1
namespace OrchardCore.DisplayManagement.Handlers;

public static class BuildShapeContextExtensions
{
    // Real: adds the wrapper "Settings_Wrapper__Reload" (the "the tenant will reload" notice) to the shape.
    public static void AddTenantReloadWarningWrapper(this BuildShapeContext context) => throw new NotSupportedException();
}
