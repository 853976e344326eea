using System.Reflection;
using System.Security.Claims;
using System.Text.Json;
using GraphQL;
using GraphQL.SystemTextJson;
using GraphQL.Types;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using OrchardCore.Apis.GraphQL;
using OrchardCore.ContentManagement;
using OrchardCore.ContentManagement.Metadata;
using OrchardCore.Environment.Shell;
using OrchardCore.Media;
using OrchardCore.Security;
using TimeToken.Core.Uploads;
using TimeToken.OrchardCore;
using TimeToken.OrchardCore.Uploads;
using TimeToken.OrchardCore.Uploads.Api;

namespace TimeToken.Tests.OrchardCore;

/// <summary>
/// The mutations of <see cref="UploadSlotSchemaBuilder"/>, run by the real GraphQL.NET executor over the schema the
/// builder produces (Orchard's endpoint does the same with its <c>SchemaService</c> schema), with a fake
/// authorization service granting chosen permissions.
/// </summary>
public sealed class UploadSlotSchemaBuilderTests : IDisposable
{
    private const string MediaMutation = "mutation { createMediaUploadSlot(folder: \"uploads/invoices\", extensions: [\".pdf\"], maxBytes: 5000, lifetimeSeconds: 60) { url expiresAt maxBytes allowedExtensions } }";

    private readonly string _tempDirectory = Directory.CreateTempSubdirectory("tt-graphql-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static ClaimsPrincipal User { get; } = new(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, "user-42"), new Claim(ClaimTypes.Name, "alice")], "Test"));

    public void Dispose() => Directory.Delete(_tempDirectory, recursive: true);

    [Fact]
    public async Task CreateMediaUploadSlot_CallerMayManageTheFolder_ReturnsTheSlotAndLogsWithoutTheUrl()
    {
        // Arrange
        using var services = BuildServices(new FakeAuthorization(TimeTokenPermissions.CreateUploadSlots) { ManageableFolderPrefix = "uploads" });

        // Act
        var (json, _) = await ExecuteAsync(services, MediaMutation);

        // Assert
        Assert.False(json.TryGetProperty("errors", out _), json.ToString());
        var slot = json.GetProperty("data").GetProperty("createMediaUploadSlot");
        var url = slot.GetProperty("url").GetString()!;
        Assert.StartsWith("/timetoken/upload/", url, StringComparison.Ordinal);
        Assert.Equal(5000, slot.GetProperty("maxBytes").GetInt64());
        Assert.Equal([".pdf"], slot.GetProperty("allowedExtensions").EnumerateArray().Select(e => e.GetString()));
        Assert.True(slot.GetProperty("expiresAt").GetDateTimeOffset() > DateTimeOffset.UtcNow);

        var handedOut = Assert.Single(services.GetFakeLogCollector().GetSnapshot(), r => r.Id.Id == 1310);
        Assert.Contains("to user 'user-42'", handedOut.Message, StringComparison.Ordinal);
        Assert.Contains("media-library", handedOut.Message, StringComparison.Ordinal);
        Assert.Contains("folder uploads/invoices", handedOut.Message, StringComparison.Ordinal);
        var slotId = url.Split('/')[3];
        Assert.DoesNotContain(slotId, handedOut.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("timetoken/upload", handedOut.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateMediaUploadSlot_WithoutCreateUploadSlots_GraphQLErrorAndNoSlot()
    {
        // Arrange: the media permissions, but not 'Create upload slots'.
        using var services = BuildServices(new FakeAuthorization() { ManageableFolderPrefix = "uploads" });

        // Act
        var (json, text) = await ExecuteAsync(services, MediaMutation);

        // Assert
        var error = Assert.Single(json.GetProperty("errors").EnumerateArray());
        Assert.Equal("FORBIDDEN", error.GetProperty("extensions").GetProperty("code").GetString());
        Assert.Equal(JsonValueKind.Null, json.GetProperty("data").GetProperty("createMediaUploadSlot").ValueKind);
        Assert.DoesNotContain("timetoken/upload", text, StringComparison.Ordinal);
        Assert.DoesNotContain(services.GetFakeLogCollector().GetSnapshot(), r => r.Id.Id is 1205 or 1310);
        Assert.Single(services.GetFakeLogCollector().GetSnapshot(), r => r.Id.Id == 1311);
    }

    [Fact]
    public async Task CreateMediaUploadSlot_Get_ForbiddenLoggedAndNoSlot()
    {
        // Arrange: every permission; the mutation arrives as a GET, as a link on another site would send it.
        using var services = BuildServices(new FakeAuthorization(TimeTokenPermissions.CreateUploadSlots) { ManageableFolderPrefix = "uploads" });

        // Act
        var (json, text) = await ExecuteAsync(services, MediaMutation, method: "GET");

        // Assert
        var error = Assert.Single(json.GetProperty("errors").EnumerateArray());
        Assert.Equal("FORBIDDEN", error.GetProperty("extensions").GetProperty("code").GetString());
        Assert.DoesNotContain("timetoken/upload", text, StringComparison.Ordinal);
        Assert.DoesNotContain(services.GetFakeLogCollector().GetSnapshot(), r => r.Id.Id is 1205 or 1310);
        var refused = Assert.Single(services.GetFakeLogCollector().GetSnapshot(), r => r.Id.Id == 1311);
        Assert.Contains("only to a POST", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("application", "reports-client", "Reports app", "application 'reports-client'")]
    [InlineData(null, "user-7", "alice", "user 'user-7'")]
    public void Describe_BearerPrincipal_NamesApplicationByClientIdAndUserById(string? entityType, string subject, string name, string expected)
    {
        // Arrange: the claims of an access token from Orchard's OpenID server (no NameIdentifier: OpenIddict maps none).
        var claims = new List<Claim> { new("sub", subject), new("name", name) };
        if (entityType is not null)
        {
            claims.Add(new Claim("oc:entyp", entityType));
        }

        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, "OpenIddict.Validation.AspNetCore", "name", "role"));

        // Act
        var described = UploadSlotCaller.Describe(principal);

        // Assert
        Assert.Equal(expected, described);
    }

    [Fact]
    public async Task CreateMediaUploadSlot_FolderNotManageable_GraphQLErrorAndNoSlot()
    {
        // Arrange: 'Create upload slots', but media only below "public".
        using var services = BuildServices(new FakeAuthorization(TimeTokenPermissions.CreateUploadSlots) { ManageableFolderPrefix = "public" });

        // Act
        var (json, text) = await ExecuteAsync(services, MediaMutation);

        // Assert
        var error = Assert.Single(json.GetProperty("errors").EnumerateArray());
        Assert.Equal("FORBIDDEN", error.GetProperty("extensions").GetProperty("code").GetString());
        Assert.DoesNotContain("timetoken/upload", text, StringComparison.Ordinal);
        Assert.DoesNotContain(services.GetFakeLogCollector().GetSnapshot(), r => r.Id.Id is 1205 or 1310);
    }

    [Theory]
    [InlineData("createMediaUploadSlot(folder: \"../outside\")", "folder")]
    [InlineData("createMediaUploadSlot(folder: \"uploads\", maxBytes: 0)", "maxBytes")]
    [InlineData("createMediaUploadSlot(folder: \"uploads\", lifetimeSeconds: -5)", "lifetimeSeconds")]
    [InlineData("createMediaUploadSlot(folder: \"uploads\", extensions: [\"pdf\"])", "extensions")]
    public async Task CreateMediaUploadSlot_InvalidArgument_ErrorNamesTheArgument(string field, string argument)
    {
        // Arrange
        using var services = BuildServices(new FakeAuthorization(TimeTokenPermissions.CreateUploadSlots) { ManageableFolderPrefix = string.Empty });

        // Act
        var (json, _) = await ExecuteAsync(services, "mutation { " + field + " { url } }");

        // Assert
        var error = Assert.Single(json.GetProperty("errors").EnumerateArray());
        Assert.Equal("INVALID_ARGUMENT", error.GetProperty("extensions").GetProperty("code").GetString());
        Assert.StartsWith(argument + ": ", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(argument, error.GetProperty("extensions").GetProperty("field").GetString());
        Assert.DoesNotContain(services.GetFakeLogCollector().GetSnapshot(), r => r.Id.Id is 1205 or 1310);
    }

    [Fact]
    public async Task BuildAsync_OrchardSchema_BothMutationsRequireCreateUploadSlots()
    {
        // Arrange
        var schema = NewSchema();

        // Act
        await new UploadSlotSchemaBuilder().BuildAsync(schema);

        // Assert: Orchard's RequiresPermissionValidationRule reads this metadata before anything runs.
        foreach (var name in new[] { "createMediaUploadSlot", "createContentMediaUploadSlot" })
        {
            var field = schema.Mutation!.GetField(name)!;
            Assert.Equal([TimeTokenPermissions.CreateUploadSlots.Name], field.GetPermissions().Select(p => p.Permission.Name));
        }
    }

    private ServiceProvider BuildServices(FakeAuthorization authorization)
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Debug).AddFakeLogging());
        services.AddTimeTokenUploadSlots(o => o.TempDirectory = _tempDirectory);
        services.AddUploadSlotHandler<MediaLibraryUploadSlotHandler>(MediaLibraryUploadSlotHandler.Name);
        services.AddUploadSlotHandler<ContentMediaFieldUploadSlotHandler>(ContentMediaFieldUploadSlotHandler.Name);
        services.Configure<MediaOptions>(o => o.AllowedFileExtensions = [".pdf", ".png"]);
        services.AddSingleton(new ShellSettings { Name = "Default" });
        services.AddSingleton<IHttpContextAccessor, HttpContextAccessor>();
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, BearerHandler>("Api", null);
        services.AddScoped<MediaLibraryUploadSlots>();
        services.AddSingleton<IAuthorizationService>(authorization);
        services.AddSingleton(Unused<IContentManager>());
        services.AddSingleton(Unused<IContentDefinitionManager>());
        services.AddScoped<UploadSlotRequests>();
        return services.BuildServiceProvider(validateScopes: true);
    }

    private static Schema NewSchema()
    {
        // As Orchard's SchemaService makes it: Query and Mutation types, camel-case names.
        var query = new ObjectGraphType { Name = "Query" };
        query.Field<StringGraphType>("ping").Resolve(_ => "pong");
        return new Schema
        {
            Query = query,
            Mutation = new ObjectGraphType { Name = "Mutation" },
        };
    }

    private static async Task<(JsonElement Json, string Text)> ExecuteAsync(ServiceProvider services, string query, string method = "POST")
    {
        var schema = NewSchema();
        await new UploadSlotSchemaBuilder().BuildAsync(schema);
        await using var scope = services.CreateAsyncScope();
        var httpContext = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        httpContext.Request.Method = method;
        scope.ServiceProvider.GetRequiredService<IHttpContextAccessor>().HttpContext = httpContext;
        var result = await new DocumentExecuter().ExecuteAsync(options =>
        {
            options.Schema = schema;
            options.Query = query;
            options.User = User;
            options.UserContext = new GraphQLUserContext { User = User };
            options.RequestServices = scope.ServiceProvider;
            options.CancellationToken = Ct;
        });
        var text = new GraphQLSerializer().Serialize(result);
        return (JsonDocument.Parse(text).RootElement.Clone(), text);
    }

    private static T Unused<T>()
        where T : class => DispatchProxy.Create<T, UnusedProxy>();

    /// <summary>A service the media mutation must never call.</summary>
    public class UnusedProxy : DispatchProxy
    {
        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) =>
            throw new InvalidOperationException($"{targetMethod?.Name} must not be called.");
    }

    /// <summary>Orchard's <c>Api</c> scheme with a valid bearer token: the caller of every mutation here.</summary>
    private sealed class BearerHandler : AuthenticationHandler<AuthenticationSchemeOptions>
    {
        public BearerHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
            : base(options, logger, encoder)
        {
        }

        protected override Task<AuthenticateResult> HandleAuthenticateAsync() =>
            Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(User, "Api")));
    }

    /// <summary>Grants the listed permissions, and <c>ManageMediaFolder</c> below one folder, as Orchard's handlers would.</summary>
    private sealed class FakeAuthorization : IAuthorizationService
    {
        private readonly HashSet<string> _granted;

        public FakeAuthorization(params global::OrchardCore.Security.Permissions.Permission[] granted) =>
            _granted = new HashSet<string>(granted.Select(p => p.Name), StringComparer.Ordinal);

        public string? ManageableFolderPrefix { get; init; }

        public Task<AuthorizationResult> AuthorizeAsync(ClaimsPrincipal user, object? resource, IEnumerable<IAuthorizationRequirement> requirements)
        {
            var permission = requirements.OfType<PermissionRequirement>().Single().Permission;
            var granted = permission.Name == MediaPermissions.ManageMediaFolder.Name
                ? ManageableFolderPrefix is { } prefix && resource is string folder && (prefix.Length == 0 || folder == prefix || folder.StartsWith(prefix + "/", StringComparison.Ordinal))
                : _granted.Contains(permission.Name);
            return Task.FromResult(granted ? AuthorizationResult.Success() : AuthorizationResult.Failed());
        }

        public Task<AuthorizationResult> AuthorizeAsync(ClaimsPrincipal user, object? resource, string policyName) =>
            throw new NotSupportedException();
    }
}
