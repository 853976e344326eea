using TimeToken.Core.Signing;

namespace TimeToken.Tests.Core.Signing;

public sealed class TokenTextTests
{
    private const string Valid = "test-key.1767225600.mPPHUuP1bzprieMSJroZT5YhcIYENueoeEcjXwPBv98";

    [Fact]
    public void TryParse_ValidToken_GivesParts()
    {
        Assert.True(TokenText.TryParse(Valid, out var token));

        Assert.Equal("test-key", token.KeyId.ToString());
        Assert.Equal(1_767_225_600, token.ExpiresAtUnixSeconds);
        Assert.Equal("mPPHUuP1bzprieMSJroZT5YhcIYENueoeEcjXwPBv98", token.Mac.ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("test-key")]
    [InlineData("test-key.1767225600.mPPHUuP1bzprieMSJroZT5YhcIYENueoeEcjXwPBv9")] // truncated MAC
    [InlineData("test-key.1767225600.mPPHUuP1bzprieMSJroZT5YhcIYENueoeEcjXwPBv98A")] // extended MAC
    [InlineData("test-key.1767225600.mPPHUuP1bzprieMSJroZT5YhcIYENueoeEcjXwPBv98=")] // padded
    [InlineData("test-key.1767225600.mPPHUuP1bzprieMSJroZT5YhcIYENueoeEcjXwPB+98")] // base64, not base64url
    [InlineData("test-key.1767225600.mPPHUuP1bzprieMSJroZT5YhcIYENueoeEcjXwPB/98")]
    [InlineData("test-ke.1767225600.mPPHUuP1bzprieMSJroZT5YhcIYENueoeEcjXwPBv98")] // short key id
    [InlineData("test-key!.1767225600.mPPHUuP1bzprieMSJroZT5YhcIYENueoeEcjXwPBv98")]
    [InlineData("test*key.1767225600.mPPHUuP1bzprieMSJroZT5YhcIYENueoeEcjXwPBv98")]
    [InlineData("test-key.01767225600.mPPHUuP1bzprieMSJroZT5YhcIYENueoeEcjXwPBv98")] // leading zero
    [InlineData("test-key.-1767225600.mPPHUuP1bzprieMSJroZT5YhcIYENueoeEcjXwPBv98")]
    [InlineData("test-key.+1767225600.mPPHUuP1bzprieMSJroZT5YhcIYENueoeEcjXwPBv98")]
    [InlineData("test-key.1767225600x.mPPHUuP1bzprieMSJroZT5YhcIYENueoeEcjXwPBv98")]
    [InlineData("test-key..mPPHUuP1bzprieMSJroZT5YhcIYENueoeEcjXwPBv98")]
    [InlineData("test-key.9999999999999.mPPHUuP1bzprieMSJroZT5YhcIYENueoeEcjXwPBv98")] // 13 digits
    [InlineData("test-key.999999999999.mPPHUuP1bzprieMSJroZT5YhcIYENueoeEcjXwPBv98")] // past DateTimeOffset.MaxValue
    [InlineData("test-key.1767225600.mPPHUuP1bzprieMSJroZT5YhcIYENueoeEcjXw%Bv98")]
    [InlineData(" test-key.1767225600.mPPHUuP1bzprieMSJroZT5YhcIYENueoeEcjXwPBv98")]
    [InlineData("test-key.1767225600.mPPHUuP1bzprieMSJroZT5YhcIYENueoeEcjXwPBv98 ")]
    [InlineData("test-key.1767225600\u0000mPPHUuP1bzprieMSJroZT5YhcIYENueoeEcjXwPBv98")]
    [InlineData("test-key.\u0661\u0667\u0666\u0667.mPPHUuP1bzprieMSJroZT5YhcIYENueoeEcjXwPBv98")] // Arabic-Indic digits
    public void TryParse_MalformedToken_Fails(string? text)
    {
        Assert.False(TokenText.TryParse(text, out _));
    }
}
