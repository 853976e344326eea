using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TimeToken.Core.Media;

namespace TimeToken.Tests.Core.Media;

/// <summary>The version value bound into media tokens, and the limits of its cache's options.</summary>
public sealed class MediaFileVersionTests
{
    private static readonly DateTimeOffset s_written = new(2025, 5, 6, 7, 8, 9, 987, TimeSpan.Zero);

    [Fact]
    public void ToString_TimeAndLength_IsUnixTicksDashLength()
    {
        // 2025-05-06T07:08:09.987Z is 1,746,515,289.987 s after the unix epoch.
        Assert.Equal("17465152899870000-5", new MediaFileVersion(s_written, 5).ToString());
        Assert.Equal("0-0", new MediaFileVersion(DateTimeOffset.UnixEpoch, 0).ToString());
    }

    [Fact]
    public void Equals_SameTicksAndLength_EqualElseNot()
    {
        var version = new MediaFileVersion(s_written, 5);

        Assert.Equal(new MediaFileVersion(s_written.ToOffset(TimeSpan.FromHours(2)), 5), version);
        Assert.NotEqual(new MediaFileVersion(s_written.AddTicks(1), 5), version);
        Assert.NotEqual(new MediaFileVersion(s_written, 6), version);
        Assert.Equal(s_written, version.LastModifiedUtc);
    }

    [Fact]
    public void IsWrittenAfter_IssueSecond_FalseUpToItTrueOneTickAfter()
    {
        const long IssuedAt = 1_746_515_290;
        var issued = DateTimeOffset.FromUnixTimeSeconds(IssuedAt);

        Assert.False(new MediaFileVersion(issued.AddTicks(-1), 5).IsWrittenAfter(IssuedAt));
        Assert.False(new MediaFileVersion(issued, 5).IsWrittenAfter(IssuedAt));
        Assert.True(new MediaFileVersion(issued.AddTicks(1), 5).IsWrittenAfter(IssuedAt));
    }

    [Theory]
    [InlineData(false, 0L, 5L)]
    [InlineData(true, -1L, 5L)]
    [InlineData(true, 0L, -1L)]
    public void TryCreate_MissingOrImpossibleAnswer_NoVersion(bool exists, long ticksAfterEpoch, long length)
    {
        var info = new MediaFileInfo(exists, DateTimeOffset.UnixEpoch.AddTicks(ticksAfterEpoch), length);

        Assert.False(MediaFileVersion.TryCreate(info, out _));
    }

    [Fact]
    public void Validate_Defaults_Accepted()
    {
        Assert.True(new MediaFileVersionOptionsValidator().Validate(null, new MediaFileVersionOptions()).Succeeded);
    }

    [Theory]
    [InlineData("CacheSeconds", -1)]
    [InlineData("StaleSeconds", -0.5)]
    [InlineData("StaleSeconds", double.NaN)]
    [InlineData("LocalCacheSeconds", -1)]
    [InlineData("MaxCacheEntries", 0)]
    [InlineData("StoreTimeoutSeconds", 0)]
    [InlineData("StoreTimeoutSeconds", 300.5)]
    [InlineData("StoreTimeoutSeconds", double.PositiveInfinity)]
    public void Validate_OutsideItsLimits_RefusedNamingTheSetting(string setting, double value)
    {
        var options = new MediaFileVersionOptions();
        var property = typeof(MediaFileVersionOptions).GetProperty(setting)!;
        property.SetValue(options, property.PropertyType == typeof(int) ? (object)(int)value : value);

        var result = new MediaFileVersionOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("MediaFileVersionOptions." + setting + " is ", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void AddTimeTokenMedia_StoreTimeoutZero_RefusedOnFirstUse()
    {
        var services = new ServiceCollection();
        services.AddTimeTokenMedia(Path.GetTempPath());
        services.Configure<MediaFileVersionOptions>(o => o.StoreTimeoutSeconds = 0);
        using var provider = services.BuildServiceProvider();

        Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptionsMonitor<MediaFileVersionOptions>>().CurrentValue);
    }
}
