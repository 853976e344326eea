using Microsoft.Extensions.Configuration;
using TimeToken.Core;
using TimeToken.OrchardCore.Settings;

namespace TimeToken.Tests.OrchardCore.Settings;

public sealed class TimeTokenSettingsMapperTests
{
    [Fact]
    public void Apply_DefaultSettings_GiveDefaultOptions()
    {
        var options = new TimeTokenOptions { TimeoutSeconds = 1, ParameterName = "x" };

        var locked = TimeTokenSettingsMapper.Apply(new TimeTokenSettings(), null, options);

        Assert.Empty(locked);
        Assert.Equal(3600, options.TimeoutSeconds);
        Assert.Null(options.MaxLifetimeSeconds);
        Assert.Equal("tt", options.ParameterName);
        Assert.Equal("public/", options.PublicNamespace);
        Assert.Equal(404, options.FailureStatusCode);
        Assert.Equal("timetoken/upload", options.UploadNamespace);
    }

    [Fact]
    public void Apply_PublicNamespaceOff_GivesEmptyNamespace()
    {
        var options = new TimeTokenOptions();

        TimeTokenSettingsMapper.Apply(new TimeTokenSettings { UsePublicNamespace = false }, null, options);

        Assert.False(options.HasPublicNamespace);
    }

    [Theory]
    [InlineData("public", "public/")]
    [InlineData("/shared/open/", "shared/open/")]
    [InlineData(" docs/public ", "docs/public/")]
    public void Apply_PublicFolder_IsNormalised(string entered, string expected)
    {
        var options = new TimeTokenOptions();

        TimeTokenSettingsMapper.Apply(new TimeTokenSettings { PublicNamespace = entered }, null, options);

        Assert.Equal(expected, options.PublicNamespace);
    }

    [Fact]
    public void Apply_ConfigurationOverrides_WinAndLockTheirFields()
    {
        var overrides = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["OrchardCore_TimeToken:TimeoutSeconds"] = "60",
            ["OrchardCore_TimeToken:PublicNamespace"] = "",
            ["OrchardCore_TimeToken:Uploads:MaxBytes"] = "1000",
            ["OrchardCore_TimeToken:Redis"] = "127.0.0.1:6379",
        }).Build().GetSection(TimeTokenSettingsMapper.OrchardSectionName);
        var settings = new TimeTokenSettings { TimeoutSeconds = 900, ParameterName = "sig", FailureStatusCode = 410 };
        var options = new TimeTokenOptions();

        var locked = TimeTokenSettingsMapper.Apply(settings, overrides, options);

        Assert.Equal(60, options.TimeoutSeconds);
        Assert.Equal("sig", options.ParameterName);
        Assert.Equal(410, options.FailureStatusCode);
        Assert.False(options.HasPublicNamespace);
        Assert.Equal(1000, options.Uploads.MaxBytes);
        Assert.Equal("127.0.0.1:6379", options.Redis);
        Assert.Equal(["PublicNamespace", "TimeoutSeconds", "UsePublicNamespace"], locked.Order(StringComparer.Ordinal));
    }

    public static TheoryData<string, TimeTokenSettings, bool> Rules => new()
    {
        { "TimeoutSeconds", new TimeTokenSettings { TimeoutSeconds = 9 }, false },
        { "TimeoutSeconds", new TimeTokenSettings { TimeoutSeconds = 10 }, true },
        { "TimeoutSeconds", new TimeTokenSettings { TimeoutSeconds = 604_800 }, true },
        { "TimeoutSeconds", new TimeTokenSettings { TimeoutSeconds = 604_801 }, false },
        { "MaxLifetimeSeconds", new TimeTokenSettings { TimeoutSeconds = 600, MaxLifetimeSeconds = 599 }, false },
        { "MaxLifetimeSeconds", new TimeTokenSettings { TimeoutSeconds = 600, MaxLifetimeSeconds = 600 }, true },
        { "MaxLifetimeSeconds", new TimeTokenSettings { MaxLifetimeSeconds = 604_800 }, true },
        { "MaxLifetimeSeconds", new TimeTokenSettings { MaxLifetimeSeconds = 604_801 }, false },
        { "ParameterName", new TimeTokenSettings { ParameterName = "" }, false },
        { "ParameterName", new TimeTokenSettings { ParameterName = "a" }, true },
        { "ParameterName", new TimeTokenSettings { ParameterName = new string('a', 32) }, true },
        { "ParameterName", new TimeTokenSettings { ParameterName = new string('a', 33) }, false },
        { "ParameterName", new TimeTokenSettings { ParameterName = "a b" }, false },
        { "ParameterName", new TimeTokenSettings { ParameterName = "a&b" }, false },
        { "ParameterName", new TimeTokenSettings { ParameterName = "token" }, false },
        { "ParameterName", new TimeTokenSettings { ParameterName = "Token" }, false },
        { "ParameterName", new TimeTokenSettings { ParameterName = "width" }, false },
        { "ParameterName", new TimeTokenSettings { ParameterName = "v" }, false },
        { "ParameterName", new TimeTokenSettings { ParameterName = "bgcolor" }, false },
        { "PublicNamespace", new TimeTokenSettings { PublicNamespace = "../public/" }, false },
        { "PublicNamespace", new TimeTokenSettings { PublicNamespace = "a/./b/" }, false },
        { "PublicNamespace", new TimeTokenSettings { PublicNamespace = "a\\b/" }, false },
        { "PublicNamespace", new TimeTokenSettings { PublicNamespace = "" }, false },
        { "PublicNamespace", new TimeTokenSettings { PublicNamespace = "", UsePublicNamespace = false }, true },
        { "PublicNamespace", new TimeTokenSettings { PublicNamespace = "open" }, true },
        { "FailureStatusCode", new TimeTokenSettings { FailureStatusCode = 403 }, true },
        { "FailureStatusCode", new TimeTokenSettings { FailureStatusCode = 410 }, true },
        { "FailureStatusCode", new TimeTokenSettings { FailureStatusCode = 401 }, false },
        { "FailureStatusCode", new TimeTokenSettings { FailureStatusCode = 500 }, false },
        { "UploadNamespace", new TimeTokenSettings { UploadNamespace = "" }, false },
        { "UploadNamespace", new TimeTokenSettings { UploadNamespace = "up/../x" }, false },
        { "UploadNamespace", new TimeTokenSettings { UploadNamespace = "up load" }, false },
        { "UploadNamespace", new TimeTokenSettings { UploadNamespace = "api/uploads" }, true },
    };

    [Theory]
    [MemberData(nameof(Rules))]
    public void Validate_Rule_NamesTheFieldOnlyWhenBroken(string field, TimeTokenSettings settings, bool valid)
    {
        var errors = TimeTokenSettingsMapper.Validate(settings);

        if (valid)
        {
            Assert.Empty(errors);
        }
        else
        {
            var error = Assert.Single(errors);
            Assert.Equal(field, error.Setting);
            Assert.False(string.IsNullOrWhiteSpace(error.Message));
        }
    }
}
