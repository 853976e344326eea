using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using OrchardCore.DisplayManagement.Handlers;
using OrchardCore.Security.Permissions;
using OrchardCore.Settings;
using TimeToken.Core;
using TimeToken.OrchardCore.RichText;
using TimeToken.OrchardCore.Settings;
using TimeToken.Core.Signing;
using TimeToken.OrchardCore;
using TimeToken.OrchardCore.Drivers;
using TimeToken.OrchardCore.ViewModels;
using TimeToken.Tests.TestSupport;

namespace TimeToken.Tests.OrchardCore;

public sealed class TimeTokenSettingsDisplayDriverTests : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly FakeSiteService _siteService = new();
    private readonly FakeShellReleaseManager _release = new();
    private readonly StoredKeyRingProvider _keyRing;
    private readonly List<Permission> _checked = [];

    public TimeTokenSettingsDisplayDriverTests()
    {
        _keyRing = new StoredKeyRingProvider(
            new SiteKeyRingStore(_siteService),
            new EphemeralDataProtectionProvider(),
            new FakeTimeProvider(TestMedia.Start),
            new OptionsMonitorStub(),
            new FakeLogger<StoredKeyRingProvider>());
    }

    public void Dispose() => _keyRing.Dispose();

    private TimeTokenSettingsDisplayDriver Driver(bool authorized, IDictionary<string, string?>? configuration = null) => new(
        _release,
        new HttpContextAccessor { HttpContext = new DefaultHttpContext { User = new ClaimsPrincipal(new ClaimsIdentity("test")) } },
        new UnusedAuthorizationService(),
        new FakeShellConfiguration(configuration),
        _keyRing,
        new PassThroughLocalizer<TimeTokenSettingsDisplayDriver>(),
        new FakeLogger<TimeTokenSettingsDisplayDriver>())
    {
        AuthorizeAsync = (_, permission) =>
        {
            _checked.Add(permission);
            return Task.FromResult(authorized);
        },
    };

    // The form as the editor shape gets it.
    private static async Task<TimeTokenSettingsViewModel> FormAsync(TimeTokenSettingsDisplayDriver driver, TimeTokenSettings settings)
    {
        var model = new TimeTokenSettingsViewModel();
        await driver.FillAsync(model, settings);
        return model;
    }

    private static TimeTokenSettingsViewModel Posted(Action<TimeTokenSettingsViewModel>? change = null)
    {
        var model = new TimeTokenSettingsViewModel
        {
            TimeoutSeconds = 3600,
            ParameterName = "tt",
            UsePublicNamespace = true,
            PublicNamespace = "public/",
            FailureStatusCode = 404,
            UploadNamespace = "timetoken/upload",
            SignRichText = true,
            RichTextShapeTypes = RichTextOptions.DefaultRichTextShapeTypes,
        };
        change?.Invoke(model);
        return model;
    }

    [Fact]
    public async Task Edit_NotAuthorized_ReturnsNull()
    {
        // Arrange
        var driver = Driver(authorized: false);

        // Act
        var result = await driver.EditAsync(new SiteSettings(), new TimeTokenSettings(), Uninitialized.Create<BuildEditorContext>());

        // Assert
        Assert.Null(result);
        Assert.Equal([TimeTokenPermissions.ManageTimeTokenSettings], _checked);
    }

    [Fact]
    public async Task Update_NotAuthorized_ReturnsNullAndChangesNothing()
    {
        // Arrange
        var driver = Driver(authorized: false);
        var settings = new TimeTokenSettings();
        var before = JsonSerializer.Serialize(settings);

        // Act
        var result = await driver.UpdateAsync(new SiteSettings(), settings, Uninitialized.Create<UpdateEditorContext>());

        // Assert
        Assert.Null(result);
        Assert.Equal([TimeTokenPermissions.ManageTimeTokenSettings], _checked);
        Assert.Equal(before, JsonSerializer.Serialize(settings));
        Assert.Equal(0, _release.Requests);
        Assert.Equal(0, _siteService.Updates);
    }

    [Fact]
    public async Task Update_ValidForm_AppliesAndRequestsRelease()
    {
        // Arrange
        var driver = Driver(authorized: true);
        var settings = new TimeTokenSettings();
        var updater = new FakeUpdateModel(Posted(m =>
        {
            m.TimeoutSeconds = 900;
            m.MaxLifetimeSeconds = 7200;
            m.ParameterName = " sig ";
            m.UsePublicNamespace = false;
            m.FailureStatusCode = 410;
        }));

        // Act
        var applied = await driver.UpdateSettingsAsync(settings, updater);

        // Assert
        Assert.True(applied);
        Assert.True(updater.ModelState.IsValid);
        Assert.Equal(900, settings.TimeoutSeconds);
        Assert.Equal(7200, settings.MaxLifetimeSeconds);
        Assert.Equal("sig", settings.ParameterName);
        Assert.False(settings.UsePublicNamespace);
        Assert.Equal(410, settings.FailureStatusCode);
        Assert.Equal(1, _release.Requests);
    }

    [Fact]
    public async Task Update_InvalidForm_ChangesNothingAndNamesFields()
    {
        // Arrange
        var driver = Driver(authorized: true);
        var settings = new TimeTokenSettings();
        var before = JsonSerializer.Serialize(settings);
        var updater = new FakeUpdateModel(Posted(m =>
        {
            m.TimeoutSeconds = 5;
            m.ParameterName = "token";
            m.FailureStatusCode = 500;
            m.UploadNamespace = "../up";
        }));

        // Act
        var applied = await driver.UpdateSettingsAsync(settings, updater);

        // Assert
        Assert.False(applied);
        Assert.False(updater.ModelState.IsValid);
        Assert.Contains("TimeoutSeconds", updater.ModelState.Keys);
        Assert.Contains("ParameterName", updater.ModelState.Keys);
        Assert.Contains("FailureStatusCode", updater.ModelState.Keys);
        Assert.Equal(before, JsonSerializer.Serialize(settings));
        Assert.Equal(0, _release.Requests);
    }

    [Fact]
    public async Task Update_RotateConfirmed_NewActiveKeyShownWithoutMaterial()
    {
        // Arrange
        var driver = Driver(authorized: true);
        var settings = new TimeTokenSettings();
        var before = await _keyRing.GetKeyRingAsync(Ct);
        var updater = new FakeUpdateModel(Posted(m =>
        {
            m.RotateKey = true;
            m.ConfirmRotateKey = true;
        }));

        // Act
        var applied = await driver.UpdateSettingsAsync(settings, updater);
        var model = await FormAsync(driver, settings);

        // Assert
        var after = await _keyRing.GetKeyRingAsync(Ct);
        Assert.True(applied);
        Assert.NotEqual(before.Active.Id, after.Active.Id);
        Assert.Equal(after.Active.Id, model.ActiveKeyId);
        Assert.Equal(after.Active.CreatedAt, model.ActiveKeyCreatedUtc);
        Assert.False(model.RotateKey);
        var json = JsonSerializer.Serialize(model);
        foreach (var key in after.Keys)
        {
            Assert.DoesNotContain(Convert.ToBase64String(key.Material.Span), json, StringComparison.Ordinal);
            Assert.DoesNotContain(Convert.ToBase64String(key.Material.Span).TrimEnd('=').Replace('+', '-').Replace('/', '_'), json, StringComparison.Ordinal);
            Assert.DoesNotContain(Convert.ToHexString(key.Material.Span), json, StringComparison.OrdinalIgnoreCase);
        }

        Assert.DoesNotContain(
            typeof(TimeTokenSettingsViewModel).GetProperties(),
            p => p.PropertyType == typeof(KeyRing) || p.PropertyType == typeof(SigningKey) || p.PropertyType == typeof(byte[]) || p.PropertyType == typeof(ReadOnlyMemory<byte>));
    }

    [Fact]
    public async Task Update_RotateNotConfirmed_ErrorAndKeyKept()
    {
        // Arrange
        var driver = Driver(authorized: true);
        var settings = new TimeTokenSettings();
        var before = await _keyRing.GetKeyRingAsync(Ct);
        var updater = new FakeUpdateModel(Posted(m => m.RotateKey = true));

        // Act
        var applied = await driver.UpdateSettingsAsync(settings, updater);

        // Assert
        Assert.False(applied);
        Assert.Contains(nameof(TimeTokenSettingsViewModel.ConfirmRotateKey), updater.ModelState.Keys);
        Assert.Equal(before.Active.Id, (await _keyRing.GetKeyRingAsync(Ct)).Active.Id);
        Assert.Equal(0, _release.Requests);
    }

    [Fact]
    public async Task Update_BindingError_NothingAppliedRotatedNorReleased()
    {
        // Arrange: "abc" posted for the optional longest lifetime; the binder reports it and leaves the property
        // empty, which the settings checks alone would accept. Orchard then saves nothing (SectionDisplayDriverBase
        // and the Settings controller both check the model state).
        var driver = Driver(authorized: true);
        var settings = new TimeTokenSettings();
        var before = JsonSerializer.Serialize(settings);
        var ring = await _keyRing.GetKeyRingAsync(Ct);
        var updates = _siteService.Updates;
        var updater = new FakeUpdateModel(Posted(m =>
        {
            m.TimeoutSeconds = 900;
            m.RotateKey = true;
            m.ConfirmRotateKey = true;
        }));
        updater.ModelState.AddModelError(nameof(TimeTokenSettingsViewModel.MaxLifetimeSeconds), "The value 'abc' is not valid.");

        // Act
        var applied = await driver.UpdateSettingsAsync(settings, updater);

        // Assert
        Assert.False(applied);
        Assert.Equal(before, JsonSerializer.Serialize(settings));
        Assert.Equal(ring.Active.Id, (await _keyRing.GetKeyRingAsync(Ct)).Active.Id);
        Assert.Equal(updates, _siteService.Updates);
        Assert.Equal(0, _release.Requests);
    }

    [Fact]
    public async Task Update_BindingErrorAndInvalidValue_BothReported()
    {
        // Arrange
        var driver = Driver(authorized: true);
        var updater = new FakeUpdateModel(Posted(m => m.TimeoutSeconds = 5));
        updater.ModelState.AddModelError(nameof(TimeTokenSettingsViewModel.MaxLifetimeSeconds), "The value 'abc' is not valid.");

        // Act
        var applied = await driver.UpdateSettingsAsync(new TimeTokenSettings(), updater);

        // Assert
        Assert.False(applied);
        Assert.Contains(nameof(TimeTokenSettingsViewModel.TimeoutSeconds), updater.ModelState.Keys);
    }

    [Fact]
    public async Task Update_FieldLockedByConfiguration_PostedValueIgnored()
    {
        // Arrange
        var driver = Driver(authorized: true, new Dictionary<string, string?> { ["OrchardCore_TimeToken:TimeoutSeconds"] = "120" });
        var settings = new TimeTokenSettings { TimeoutSeconds = 1800 };
        var updater = new FakeUpdateModel(Posted(m =>
        {
            m.TimeoutSeconds = 5;
            m.ParameterName = "sig";
        }));

        // Act
        var applied = await driver.UpdateSettingsAsync(settings, updater);
        var model = await FormAsync(driver, settings);

        // Assert
        Assert.True(applied);
        Assert.Equal(1800, settings.TimeoutSeconds);
        Assert.Equal("sig", settings.ParameterName);
        Assert.True(model.IsLocked(nameof(TimeTokenSettings.TimeoutSeconds)));
        Assert.False(model.IsLocked(nameof(TimeTokenSettings.ParameterName)));
    }

    [Fact]
    public async Task Update_RichTextFields_Applied()
    {
        // Arrange
        var driver = Driver(authorized: true);
        var settings = new TimeTokenSettings();
        var updater = new FakeUpdateModel(Posted(m =>
        {
            m.SignRichText = false;
            m.RichTextShapeTypes = " HtmlBodyPart, BlogPost_Body ";
        }));

        // Act
        var applied = await driver.UpdateSettingsAsync(settings, updater);

        // Assert
        Assert.True(applied);
        Assert.False(settings.SignRichText);
        Assert.Equal("HtmlBodyPart, BlogPost_Body", settings.RichTextShapeTypes);
    }

    [Theory]
    [InlineData("HtmlBodyPart, <script>")]
    [InlineData("Html Body Part")]
    [InlineData("1Html")]
    public async Task Update_InvalidShapeTypes_ErrorNamesFieldAndNothingApplied(string shapeTypes)
    {
        // Arrange
        var driver = Driver(authorized: true);
        var settings = new TimeTokenSettings();
        var updater = new FakeUpdateModel(Posted(m => m.RichTextShapeTypes = shapeTypes));

        // Act
        var applied = await driver.UpdateSettingsAsync(settings, updater);

        // Assert
        Assert.False(applied);
        Assert.Contains(nameof(TimeTokenSettings.RichTextShapeTypes), updater.ModelState.Keys);
        Assert.Equal(RichTextOptions.DefaultRichTextShapeTypes, settings.RichTextShapeTypes);
        Assert.Equal(0, _release.Requests);
    }

    [Fact]
    public async Task BuildViewModel_RichTextSetByConfiguration_EffectiveValuesShownLocked()
    {
        // Arrange
        var driver = Driver(authorized: true, new Dictionary<string, string?>
        {
            ["OrchardCore_TimeToken:SignRichText"] = "false",
            ["OrchardCore_TimeToken:RichTextShapeTypes"] = "HtmlField",
        });
        var settings = new TimeTokenSettings();
        var updater = new FakeUpdateModel(Posted(m =>
        {
            m.SignRichText = true;
            m.RichTextShapeTypes = "Other";
        }));

        // Act
        await driver.UpdateSettingsAsync(settings, updater);
        var model = await FormAsync(driver, settings);

        // Assert: the stored values are kept, the page shows the configured ones, read-only.
        Assert.True(settings.SignRichText);
        Assert.Equal(RichTextOptions.DefaultRichTextShapeTypes, settings.RichTextShapeTypes);
        Assert.False(model.SignRichText);
        Assert.Equal("HtmlField", model.RichTextShapeTypes);
        Assert.True(model.IsLocked(nameof(TimeTokenSettings.SignRichText)));
        Assert.True(model.IsLocked(nameof(TimeTokenSettings.RichTextShapeTypes)));
    }

    [Fact]
    public async Task BuildViewModel_StoredSettings_FieldsCopied()
    {
        // Arrange
        var driver = Driver(authorized: true);
        var settings = new TimeTokenSettings { TimeoutSeconds = 600, MaxLifetimeSeconds = 900, ParameterName = "sig", UsePublicNamespace = false, PublicNamespace = "open/", FailureStatusCode = 403, UploadNamespace = "up" };

        // Act
        var model = await FormAsync(driver, settings);

        // Assert
        Assert.Equal(600, model.TimeoutSeconds);
        Assert.Equal(900, model.MaxLifetimeSeconds);
        Assert.Equal("sig", model.ParameterName);
        Assert.False(model.UsePublicNamespace);
        Assert.Equal("open/", model.PublicNamespace);
        Assert.Equal(403, model.FailureStatusCode);
        Assert.Equal("up", model.UploadNamespace);
        Assert.NotNull(model.ActiveKeyId);
        Assert.Empty(model.LockedFields);
    }

    [Fact]
    public void ViewModel_Type_NotSealed()
    {
        // Orchard makes Castle proxies of view models (analyzer OCSG001).
        Assert.False(typeof(TimeTokenSettingsViewModel).IsSealed);
    }

    [Fact]
    public async Task Permissions_Provider_GrantsAdministrator()
    {
        // Arrange
        var provider = new PermissionProvider();

        // Act
        var permissions = await provider.GetPermissionsAsync();
        var stereotype = Assert.Single(provider.GetDefaultStereotypes());

        // Assert
        Assert.Equal([TimeTokenPermissions.ManageTimeTokenSettings], permissions);
        Assert.Equal("Administrator", stereotype.Name);
        Assert.Equal([TimeTokenPermissions.ManageTimeTokenSettings], stereotype.Permissions);
        Assert.Equal("ManageTimeTokenSettings", TimeTokenPermissions.ManageTimeTokenSettings.Name);
    }

    private sealed class OptionsMonitorStub : IOptionsMonitor<TimeTokenOptions>
    {
        public TimeTokenOptions CurrentValue { get; } = new();

        public TimeTokenOptions Get(string? name) => CurrentValue;

        public IDisposable? OnChange(Action<TimeTokenOptions, string?> listener) => null;
    }

    private sealed class UnusedAuthorizationService : IAuthorizationService
    {
        public Task<AuthorizationResult> AuthorizeAsync(ClaimsPrincipal user, object? resource, IEnumerable<IAuthorizationRequirement> requirements) => throw new NotSupportedException();

        public Task<AuthorizationResult> AuthorizeAsync(ClaimsPrincipal user, object? resource, string policyName) => throw new NotSupportedException();
    }
}
