using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Logging;
using OrchardCore.Environment.Shell;
using OrchardCore.Recipes.Models;
using OrchardCore.Recipes.Services;

namespace TimeToken.Tests.OrchardSite;

/// <summary>
/// A site of its own (enabling OpenID changes what every other test would see) whose Default tenant runs Orchard's
/// OpenID server and token validation, set up as the README's headless guide says, by one recipe: the features, the
/// server (token endpoint, client credentials), validation on the local tenant, and one application with its role
/// per permission set under test. The audit events 1310 and 1311 are recorded.
/// </summary>
public sealed class HeadlessSiteFixture : IAsyncLifetime
{
    /// <summary>The client secret of every application.</summary>
    public const string ClientSecret = "Headless-Client-Secret-1";

    /// <summary>The client id of the application with the smallest set of permissions that works.</summary>
    public const string ClientId = "upload-client";

    /// <summary>The smallest set of permissions with which both slot mutations work for an application.</summary>
    public static readonly string[] SmallestPermissions = ["ExecuteGraphQLMutations", "CreateUploadSlots", "ManageAttachedMediaFieldsFolder", "EditContent"];

    private readonly ConcurrentQueue<string> _audit = new();

    /// <summary>The running site.</summary>
    public OrchardSiteHost Site { get; private set; } = null!;

    /// <summary>The messages of events 1310 and 1311, in order.</summary>
    public IReadOnlyCollection<string> Audit => _audit;

    /// <summary>The client id of the application whose role lacks <paramref name="permission"/> of <see cref="SmallestPermissions"/>.</summary>
    public static string ClientIdWithout(string permission) => ClientId + "-without-" + permission.ToLowerInvariant();

    /// <inheritdoc />
    public async ValueTask InitializeAsync()
    {
        // The module's Information events reach the audit recorder, not the console.
        Site = await OrchardSiteHost.StartAsync(new Dictionary<string, string?>
        {
            ["Logging:LogLevel:TimeToken"] = "Information",
            ["Logging:Console:LogLevel:TimeToken"] = "Warning",
        });
        Site.Services.GetRequiredService<ILoggerFactory>().AddProvider(new AuditLoggerProvider(_audit));

        // OpenIddict checks its certificates against the site's clock, and Orchard makes them valid from the real
        // "now" of their first use: the fake clock, set when the site started, is moved past it.
        Site.Time.SetUtcNow(DateTimeOffset.UtcNow.AddHours(1));
        var recipeFolder = Directory.CreateTempSubdirectory("tt-headless-recipe-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(recipeFolder, "Recipe.json"), Recipe().ToJsonString(), TestContext.Current.CancellationToken);
            using var files = new PhysicalFileProvider(recipeFolder);
            await Site.InTenantAsync(ShellSettings.DefaultShellName, async services =>
            {
                var descriptor = new RecipeDescriptor { FileProvider = files, BasePath = string.Empty, RecipeFileInfo = files.GetFileInfo("Recipe.json") };
                return await services.GetRequiredService<IRecipeExecutor>().ExecuteAsync(Guid.NewGuid().ToString("N"), descriptor, new Dictionary<string, object>(), CancellationToken.None);
            });
            var shellHost = Site.Services.GetRequiredService<IShellHost>();
            Assert.True(shellHost.TryGetSettings(ShellSettings.DefaultShellName, out var settings));
            await shellHost.ReleaseShellContextAsync(settings);
        }
        finally
        {
            Directory.Delete(recipeFolder, recursive: true);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await Site.DisposeAsync();

    // The recipe of the README's guide, with one more application per permission left out.
    private static JsonObject Recipe()
    {
        var roles = new JsonArray { Role("UploadClient", SmallestPermissions) };
        var steps = new JsonArray
        {
            new JsonObject { ["name"] = "feature", ["enable"] = new JsonArray("OrchardCore.OpenId.Server", "OrchardCore.OpenId.Validation") },
            new JsonObject
            {
                ["name"] = "OpenIdServerSettings",
                ["AccessTokenFormat"] = 1,
                ["EnableTokenEndpoint"] = true,
                ["AllowClientCredentialsFlow"] = true,
            },
            new JsonObject { ["name"] = "OpenIdValidationSettings", ["Tenant"] = ShellSettings.DefaultShellName },
            new JsonObject { ["name"] = "Roles", ["Roles"] = roles },
            Application(ClientId, "Upload client", "UploadClient"),
        };
        foreach (var left in SmallestPermissions)
        {
            roles.Add(Role("UploadClientWithout" + left, SmallestPermissions.Where(p => p != left).ToArray()));
            steps.Add(Application(ClientIdWithout(left), "Upload client without " + left, "UploadClientWithout" + left));
        }

        return new JsonObject { ["name"] = "HeadlessClient", ["steps"] = steps };
    }

    private static JsonObject Role(string name, string[] permissions) => new()
    {
        ["Name"] = name,
        ["Description"] = "A headless client that asks for upload slots.",
        ["Permissions"] = new JsonArray(permissions.Select(p => (JsonNode)JsonValue.Create(p)).ToArray()),
    };

    private static JsonObject Application(string clientId, string displayName, string role) => new()
    {
        ["name"] = "OpenIdApplication",
        ["ClientId"] = clientId,
        ["DisplayName"] = displayName,
        ["Type"] = "confidential",
        ["ClientSecret"] = ClientSecret,
        ["AllowClientCredentialsFlow"] = true,
        ["RoleEntries"] = new JsonArray(new JsonObject { ["Name"] = role }),
    };

    private sealed class AuditLoggerProvider : ILoggerProvider, ILogger
    {
        private readonly ConcurrentQueue<string> _audit;

        public AuditLoggerProvider(ConcurrentQueue<string> audit) => _audit = audit;

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (eventId.Id is 1310 or 1311)
            {
                _audit.Enqueue($"{eventId.Id} {formatter(state, exception)}");
            }
        }

        public void Dispose()
        {
        }
    }
}
