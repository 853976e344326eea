using Microsoft.Extensions.Time.Testing;
using TimeToken.Core.Signing;

namespace TimeToken.Tests.Core.Signing;

public sealed class TokenSignerTests
{
    private const long Expiry = 1_767_225_600;
    private const string Version = "638000000000000000";

    internal static SigningKey FixedKey { get; } = new("test-key", Enumerable.Range(0, 32).Select(i => (byte)i).ToArray(), DateTimeOffset.UnixEpoch);

    // Vectors computed independently: HMAC-SHA256(key = bytes 0..31, message = five fields, each a 4-byte
    // big-endian length and its UTF-8 bytes: purpose, key id, subject, version, decimal expiry).
    [Theory]
    [InlineData(nameof(TokenPurpose.Media), "docs/report.pdf", Version, "test-key.1767225600.mPPHUuP1bzprieMSJroZT5YhcIYENueoeEcjXwPBv98")]
    [InlineData(nameof(TokenPurpose.Media), "docs/r\u00e9sum\u00e9 #1.pdf", Version, "test-key.1767225600.YjUz4u2v-0ozUCBgVKjisNf9jkHwmiJJ8gj4YUToHdI")]
    [InlineData(nameof(TokenPurpose.Upload), "slot-0123456789abcdef", "", "test-key.1767225600.jyeb8k6Ygz94-EO7j2G_f1B0llB0SgKafjHVS7GJzpU")]
    public void Sign_FixedKeyAndFields_GivesExactToken(string purpose, string subject, string version, string expected)
    {
        var token = TokenSigner.Sign(Enum.Parse<TokenPurpose>(purpose), FixedKey, subject, version, Expiry);

        Assert.Equal(expected, token);
    }

    [Fact]
    public void SignIssuedAt_FixedKeyAndFields_GivesExactToken()
    {
        // HMAC-SHA256 over purpose "media-at-v1", the key id, the path, the issue time (as the version) and the expiry.
        var token = TokenSigner.SignIssuedAt(FixedKey, "docs/report.pdf", 1_767_222_000, Expiry);

        Assert.Equal("test-key.1767225600.1767222000.sEyos4lZ0xndKwaPwRqWvIvHL72Uq9X1LKG1DDvuz8g", token);
    }

    [Theory]
    [InlineData("test-key.1767225600.1767222000.sEyos4lZ0xndKwaPwRqWvIvHL72Uq9X1LKG1DDvuz8g", true)]
    [InlineData("test-key.1767225600.1767225600.sEyos4lZ0xndKwaPwRqWvIvHL72Uq9X1LKG1DDvuz8g", false)]
    [InlineData("test-key.1767225600.1767225601.sEyos4lZ0xndKwaPwRqWvIvHL72Uq9X1LKG1DDvuz8g", false)]
    [InlineData("test-key.1767225600.0767222000.sEyos4lZ0xndKwaPwRqWvIvHL72Uq9X1LKG1DDvuz8g", false)]
    [InlineData("test-key.1767225600..sEyos4lZ0xndKwaPwRqWvIvHL72Uq9X1LKG1DDvuz8g", false)]
    [InlineData("test-key.1767225600.1767222000000.sEyos4lZ0xndKwaPwRqWvIvHL72Uq9X1LKG1DDvuz8g", false)]
    [InlineData("test-key.1767225600.17672x2000.sEyos4lZ0xndKwaPwRqWvIvHL72Uq9X1LKG1DDvuz8g", false)]
    [InlineData("test-key.1767225600.1.2.sEyos4lZ0xndKwaPwRqWvIvHL72Uq9X1LKG1DDvuz8g", false)]
    public void TryParse_IssuedAtToken_AcceptedOnlyWithAnIssueTimeBeforeTheExpiry(string text, bool valid)
    {
        var parsed = TokenText.TryParse(text, out var token);

        Assert.Equal(valid, parsed);
        Assert.Equal(valid ? 1_767_222_000 : 0, token.IssuedAtUnixSeconds);
    }

    [Fact]
    public void VerifyMac_IssuedAtTokenCheckedAsVersioned_Fails()
    {
        // The purposes differ, so an issue time can never pass for a version, nor the other way round.
        var token = TokenSigner.SignIssuedAt(FixedKey, "a/b.txt", 1_767_222_000, Expiry);
        Assert.True(TokenText.TryParse(token, out var parsed));

        Assert.True(TokenSigner.VerifyMac(TokenPurpose.MediaIssuedAt, FixedKey, "a/b.txt", "1767222000", parsed));
        Assert.False(TokenSigner.VerifyMac(TokenPurpose.Media, FixedKey, "a/b.txt", "1767222000", parsed));
    }

    [Fact]
    public void CanonicalMessage_FixedFields_IsLengthPrefixed()
    {
        var message = TokenSigner.CanonicalMessage(TokenPurpose.Media, "test-key", "docs/report.pdf", Version, Expiry);

        Assert.Equal(
            "000000086d656469612d763100000008746573742d6b65790000000f646f63732f7265706f72742e706466000000123633383030303030303030303030303030300000000a31373637323235363030",
            Convert.ToHexStringLower(message));
    }

    [Fact]
    public void VerifyMac_TokenOfSameFields_Succeeds()
    {
        var token = TokenSigner.Sign(TokenPurpose.Media, FixedKey, "a/b.txt", Version, Expiry);
        Assert.True(TokenText.TryParse(token, out var parsed));

        Assert.True(TokenSigner.VerifyMac(TokenPurpose.Media, FixedKey, "a/b.txt", Version, parsed));
    }

    public static TheoryData<string, string, string, string, long> ChangedFields => new()
    {
        { "purpose", nameof(TokenPurpose.Upload), "a/b.txt", Version, Expiry },
        { "path", nameof(TokenPurpose.Media), "a/c.txt", Version, Expiry },
        { "path case", nameof(TokenPurpose.Media), "a/B.txt", Version, Expiry },
        { "version", nameof(TokenPurpose.Media), "a/b.txt", "638000000000000001", Expiry },
        { "expiry", nameof(TokenPurpose.Media), "a/b.txt", Version, Expiry + 1 },
        // Field shifts that a plain concatenation would not tell apart.
        { "path into version", nameof(TokenPurpose.Media), "a/b.tx", "t" + Version, Expiry },
        { "version into path", nameof(TokenPurpose.Media), "a/b.txt6", Version[1..], Expiry },
    };

    [Theory]
    [MemberData(nameof(ChangedFields))]
    public void VerifyMac_AnyFieldChanged_Fails(string field, string purpose, string path, string version, long expiry)
    {
        _ = field;
        var token = TokenSigner.Sign(TokenPurpose.Media, FixedKey, "a/b.txt", Version, Expiry);
        var moved = token.Replace(Expiry.ToString(System.Globalization.CultureInfo.InvariantCulture), expiry.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.True(TokenText.TryParse(moved, out var parsed));

        Assert.False(TokenSigner.VerifyMac(Enum.Parse<TokenPurpose>(purpose), FixedKey, path, version, parsed));
    }

    [Fact]
    public void VerifyMac_OtherKeyWithSameId_Fails()
    {
        var token = TokenSigner.Sign(TokenPurpose.Media, FixedKey, "a/b.txt", Version, Expiry);
        var other = new SigningKey("test-key", new byte[32], DateTimeOffset.UnixEpoch);
        Assert.True(TokenText.TryParse(token, out var parsed));

        Assert.False(TokenSigner.VerifyMac(TokenPurpose.Media, other, "a/b.txt", Version, parsed));
    }

    [Fact]
    public void VerifyMac_EveryMacCharacterFlipped_Fails()
    {
        var token = TokenSigner.Sign(TokenPurpose.Media, FixedKey, "a/b.txt", Version, Expiry);
        var macStart = token.Length - TokenText.MacLength;
        for (var i = macStart; i < token.Length; i++)
        {
            var chars = token.ToCharArray();
            chars[i] = chars[i] == 'A' ? 'B' : 'A';
            Assert.True(TokenText.TryParse(new string(chars), out var parsed));
            Assert.False(TokenSigner.VerifyMac(TokenPurpose.Media, FixedKey, "a/b.txt", Version, parsed), $"position {i}");
        }
    }

    [Fact]
    public void Sign_ManyThreadsTwoKeys_EachTokenVerifies()
    {
        var keys = new[] { FixedKey, SigningKey.Create(new FakeTimeProvider()) };
        Parallel.For(0, 2000, i =>
        {
            var key = keys[i % 2];
            var path = $"f/{i}.bin";
            var token = TokenSigner.Sign(TokenPurpose.Media, key, path, Version, Expiry);
            Assert.True(TokenText.TryParse(token, out var parsed));
            Assert.True(TokenSigner.VerifyMac(TokenPurpose.Media, key, path, Version, parsed));

            // Each key's pooled HMAC instances are shared by threads: the MAC is still the HMAC of that key.
            var message = TokenSigner.CanonicalMessage(TokenPurpose.Media, key.Id, path, Version, Expiry);
            Assert.Equal(System.Buffers.Text.Base64Url.EncodeToString(System.Security.Cryptography.HMACSHA256.HashData(key.Material.Span, message)), parsed.Mac.ToString());
        });
    }
}
