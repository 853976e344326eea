// Mirrors: src/OrchardCore/OrchardCore.DisplayManagement/Razor/IRazorPage.cs @ 3.0.1
namespace OrchardCore.DisplayManagement.Razor;

public interface IRazorPage
{
    string ViewLayout { get; set; }
}
