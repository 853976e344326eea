// Mirrors: src/OrchardCore/OrchardCore.DisplayManagement/Razor/RazorPage.cs @ 3.0.1
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.Localization;
using OrchardCore.Settings;

namespace OrchardCore.DisplayManagement.Razor;

// Base class of the module's views (@inherits in _ViewImports.cshtml). Only the members the views use; the
// generated view classes implement ExecuteAsync, the only abstract member of the ASP.NET Core base.
public abstract class RazorPage<TModel> : Microsoft.AspNetCore.Mvc.Razor.RazorPage<TModel>, IRazorPage
{
    public IViewLocalizer T => throw new NotSupportedException();

    public ISite Site => throw new NotSupportedException();

    public string FullRequestPath => throw new NotSupportedException();

    public string ViewLayout { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public Task<IHtmlContent> DisplayAsync(object shape) => throw new NotSupportedException();
}
