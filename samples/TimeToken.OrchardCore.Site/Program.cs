// An Orchard Core CMS site made as Orchard's own OrchardCore.Cms.Web is, with the TimeToken module referenced by
// project. Static files come first, as in every Orchard site: anything under wwwroot is served before the tenants.
var builder = WebApplication.CreateBuilder(args);

builder.Services
    .AddOrchardCms()
    .AddSetupFeatures("OrchardCore.AutoSetup");

var app = builder.Build();

app.UseStaticFiles();
app.UseOrchardCore();

await app.RunAsync();

/// <summary>The site's entry point, visible to the integration tests (<c>WebApplicationFactory&lt;Program&gt;</c>).</summary>
public partial class Program;
