using TimeToken.Core;
using TimeToken.OrchardCore.RichText;
using TimeToken.OrchardCore.Settings;

namespace TimeToken.Tests.OrchardCore.Settings;

public sealed class TimeTokenSettingFieldsTests
{
    [Fact]
    public void All_EverySettingsProperty_DescribedOnce()
    {
        // Arrange
        var properties = typeof(TimeTokenSettings).GetProperties().Where(p => p.CanWrite).Select(p => p.Name).Order();

        // Act
        var fields = TimeTokenSettingFields.All.Select(f => f.Name).Order();

        // Assert
        Assert.Equal(properties, fields);
    }

    [Fact]
    public void CopyAll_ChangedSettings_EveryFieldCopiedAndTextTrimmed()
    {
        // Arrange
        var from = new TimeTokenSettings
        {
            TimeoutSeconds = 900,
            MaxLifetimeSeconds = 7200,
            ParameterName = " sig ",
            UsePublicNamespace = false,
            PublicNamespace = " open/ ",
            FailureStatusCode = 410,
            UploadNamespace = " up ",
            SignRichText = false,
            RichTextShapeTypes = " HtmlField ",
        };
        var to = new TimeTokenSettings();

        // Act
        TimeTokenSettingFields.CopyAll(from, to);

        // Assert
        Assert.Equal(
            (900, (int?)7200, "sig", false, "open/", 410, "up", false, "HtmlField"),
            (to.TimeoutSeconds, to.MaxLifetimeSeconds, to.ParameterName, to.UsePublicNamespace, to.PublicNamespace, to.FailureStatusCode, to.UploadNamespace, to.SignRichText, to.RichTextShapeTypes));
    }

    [Fact]
    public void ShowInForce_PublicFolderOffInOptions_SwitchShownOff()
    {
        // Arrange
        var shown = new TimeTokenSettings();
        var options = new TimeTokenOptions { PublicNamespace = string.Empty };

        // Act
        foreach (var field in TimeTokenSettingFields.All)
        {
            field.ShowInForce(new TimeTokenSettingFields.SettingsOptions(options, new RichTextOptions()), shown);
        }

        // Assert
        Assert.False(shown.UsePublicNamespace);
        Assert.Equal(string.Empty, shown.PublicNamespace);
    }
}
