using TimeToken.Core.Media;
using TimeToken.Core.Signing;

namespace TimeToken.Tests.Core.Signing;

public sealed class TokenSignerGrantTests
{
    private const long Expiry = 1_767_225_600;
    private const string Version = "638000000000000000";
    private const string Grant = "abcdefghijklmnopqrstuv";

    // Computed independently: HMAC-SHA256(key = bytes 0..31, message = six fields, each a 4-byte big-endian length and
    // its UTF-8 bytes: "media-grant-v1", key id, path, version, decimal expiry, grant id).
    [Fact]
    public void SignGrant_FixedKeyAndFields_GivesExactToken()
    {
        var token = TokenSigner.SignGrant(TokenSignerTests.FixedKey, "docs/report.pdf", Version, Grant, Expiry);

        Assert.Equal("test-key.1767225600.abcdefghijklmnopqrstuv.6cqFBduj46AvKSb38qjwRJQmcOxzu9XQsDds_z_rXks", token);
    }

    [Fact]
    public void CanonicalMessage_Grant_IsSixLengthPrefixedFields()
    {
        var message = TokenSigner.CanonicalMessage(TokenPurpose.MediaGrant, "test-key", "a.pdf", "7", 9, Grant);

        byte[] expected = [
            0, 0, 0, 14, .."media-grant-v1"u8, 0, 0, 0, 8, .."test-key"u8, 0, 0, 0, 5, .."a.pdf"u8,
            0, 0, 0, 1, .."7"u8, 0, 0, 0, 1, .."9"u8, 0, 0, 0, 22, .."abcdefghijklmnopqrstuv"u8];
        Assert.Equal(expected, message);
    }

    [Fact]
    public void TryParse_GrantToken_ReadsGrantIdAndNoIssueTime()
    {
        var token = TokenSigner.SignGrant(TokenSignerTests.FixedKey, "docs/report.pdf", Version, Grant, Expiry);

        Assert.True(TokenText.TryParse(token, out var parsed));
        Assert.True(parsed.HasGrant);
        Assert.False(parsed.IsIssuedAt);
        Assert.Equal(Grant, parsed.GrantId.ToString());
        Assert.Equal(Expiry, parsed.ExpiresAtUnixSeconds);
        Assert.True(TokenSigner.VerifyMac(TokenPurpose.MediaGrant, TokenSignerTests.FixedKey, "docs/report.pdf", Version, parsed));
        Assert.False(TokenSigner.VerifyMac(TokenPurpose.Media, TokenSignerTests.FixedKey, "docs/report.pdf", Version, parsed));
    }

    [Theory]
    [InlineData("abcdefghijklmnopqrstu")]
    [InlineData("abcdefghijklmnopqrstuvw")]
    [InlineData("abcdefghijklmnopqrstu.")]
    [InlineData("abcdefghijklmnopqrstu=")]
    public void TryParse_GrantSegmentOfWrongShape_Fails(string grant)
    {
        var token = TokenSigner.SignGrant(TokenSignerTests.FixedKey, "a.pdf", Version, Grant, Expiry).Replace(Grant, grant, StringComparison.Ordinal);

        Assert.False(TokenText.TryParse(token, out _));
    }

    [Fact]
    public void TryParse_OrdinaryToken_HasNoGrant()
    {
        var token = TokenSigner.Sign(TokenPurpose.Media, TokenSignerTests.FixedKey, "a.pdf", Version, Expiry);

        Assert.True(TokenText.TryParse(token, out var parsed));
        Assert.False(parsed.HasGrant);
        Assert.True(parsed.GrantId.IsEmpty);
    }

    [Fact]
    public void SignGrant_NotAGrantId_Throws()
    {
        Assert.Throws<ArgumentException>(() => TokenSigner.SignGrant(TokenSignerTests.FixedKey, "a.pdf", Version, "short", Expiry));
    }

    [Fact]
    public void New_GrantIds_AreValidAndDistinct()
    {
        var ids = Enumerable.Range(0, 100).Select(_ => MediaGrantId.New()).ToList();

        Assert.All(ids, id => Assert.True(MediaGrantId.IsValid(id)));
        Assert.Equal(100, ids.Distinct(StringComparer.Ordinal).Count());
    }
}
