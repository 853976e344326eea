using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.Options;
using OrchardCore.Environment.Shell;

// An Orchard Core CMS site made as Orchard's own OrchardCore.Cms.Web is, with the TimeToken module referenced by
// project. Static files come first, as in every Orchard site: anything under wwwroot is served before the tenants.
var builder = WebApplication.CreateBuilder(args);

// On a web farm (README.md, "Running on a web farm") two settings switch on what several nodes need; both are
// configuration only, so one build serves a single node and a farm alike:
// - OrchardCore:OrchardCore_Shells_Database:ConnectionString keeps the tenants' shell settings in that database
//   instead of App_Data/tenants.json, so every node sees a tenant that another node set up or changed;
// - OrchardCore:OrchardCore_Redis:Configuration makes auto setup take Redis' distributed lock, so one node sets a
//   tenant up while the others wait.
var orchard = builder.Services.AddOrchardCms();
if (builder.Configuration["OrchardCore:OrchardCore_Shells_Database:ConnectionString"] is { Length: > 0 })
{
    orchard.AddDatabaseShellsConfiguration();
}

if (builder.Configuration["OrchardCore:OrchardCore_Redis:Configuration"] is { Length: > 0 })
{
    orchard.AddSetupFeatures("OrchardCore.Redis.Lock", "OrchardCore.AutoSetup");
}
else
{
    orchard.AddSetupFeatures("OrchardCore.AutoSetup");
}

// The host's own Data Protection keys (the tenants have theirs in App_Data/Sites/{tenant}/DataProtection-Keys) are
// kept in the site's App_Data/DataProtection-Keys, as Orchard keeps the tenants' keys: with the site, not in the
// user profile (~/.aspnet), so that a site moved to another machine or account finds its keys, and a fresh machine
// logs no warning. Like Orchard's tenant keys they are not encrypted at rest: protect App_Data (a production site
// may choose ProtectKeysWithCertificate or Azure Key Vault instead).
builder.Services.AddOptions<KeyManagementOptions>()
    .Configure<IOptions<ShellOptions>, ILoggerFactory>((options, shell, loggers) =>
    {
        var keys = new DirectoryInfo(Path.Combine(shell.Value.ShellsApplicationDataPath, "DataProtection-Keys"));
        options.XmlRepository = new FileSystemXmlRepository(keys, loggers);
        options.XmlEncryptor ??= new NullXmlEncryptor();
    });

var app = builder.Build();

app.UseStaticFiles();
app.UseOrchardCore();

await app.RunAsync();

/// <summary>The site's entry point, visible to the integration tests (<c>WebApplicationFactory&lt;Program&gt;</c>).</summary>
public partial class Program;
