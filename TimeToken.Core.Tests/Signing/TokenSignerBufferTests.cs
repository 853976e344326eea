using System.Security.Cryptography;
using TimeToken.Core.Signing;

namespace TimeToken.Tests.Core.Signing;

/// <summary>
/// The signer writes the canonical message into a per-thread buffer when it surely fits and into a rented one
/// otherwise: on both sides of that limit the MAC must be the HMAC of the canonical message.
/// </summary>
public sealed class TokenSignerBufferTests
{
    private const long Expiry = 1_767_225_600;

    public static TheoryData<string> Subjects => new()
    {
        "a",
        "docs/r\u00e9sum\u00e9 #1.pdf",
        new string('x', 100),
        new string('x', 150),
        new string('x', 160),
        new string('\u00e9', 150),
        new string('\u20ac', 200),
        string.Concat(Enumerable.Repeat("\ud83d\ude00", 120)),
        "bad-\ud800-surrogate",
        new string('y', 1024),
        new string('\u20ac', 1024),
    };

    [Theory]
    [MemberData(nameof(Subjects))]
    public void Sign_AnySubjectLength_MacIsHmacOfCanonicalMessage(string subject)
    {
        foreach (var version in new[] { string.Empty, "1764000000-4096", new string('9', 40) })
        {
            var token = TokenSigner.Sign(TokenPurpose.Media, TokenSignerTests.FixedKey, subject, version, Expiry);

            var message = TokenSigner.CanonicalMessage(TokenPurpose.Media, TokenSignerTests.FixedKey.Id, subject, version, Expiry);
            var mac = HMACSHA256.HashData(TokenSignerTests.FixedKey.Material.Span, message);
            Assert.Equal("test-key.1767225600." + Convert.ToBase64String(mac).TrimEnd('=').Replace('+', '-').Replace('/', '_'), token);
            Assert.True(TokenText.TryParse(token, out var parsed));
            Assert.True(TokenSigner.VerifyMac(TokenPurpose.Media, TokenSignerTests.FixedKey, subject, version, parsed));
        }
    }

    [Fact]
    public void Sign_LongThenShortOnOneThread_BufferLeavesNoTrace()
    {
        var shortFirst = TokenSigner.Sign(TokenPurpose.Upload, TokenSignerTests.FixedKey, "slot", string.Empty, Expiry);
        TokenSigner.Sign(TokenPurpose.Media, TokenSignerTests.FixedKey, new string('z', 160), new string('9', 20), Expiry);

        Assert.Equal(shortFirst, TokenSigner.Sign(TokenPurpose.Upload, TokenSignerTests.FixedKey, "slot", string.Empty, Expiry));
    }

    [Fact]
    public void VerifyMac_SameBytesNonCanonicalText_Refused()
    {
        // 43 base64url characters carry 258 bits for 32 bytes: the last character's two low bits are unused. A text
        // that sets them decodes to the same bytes, but it is not the token the signer made.
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        var token = TokenSigner.Sign(TokenPurpose.Media, TokenSignerTests.FixedKey, "docs/a.pdf", "v", Expiry);
        var last = Alphabet.IndexOf(token[^1], StringComparison.Ordinal);
        Assert.Equal(0, last & 3);

        for (var bits = 1; bits < 4; bits++)
        {
            var variant = token[..^1] + Alphabet[last | bits];
            Assert.True(TokenText.TryParse(variant, out var parsed));
            Assert.False(TokenSigner.VerifyMac(TokenPurpose.Media, TokenSignerTests.FixedKey, "docs/a.pdf", "v", parsed));
        }

        Assert.True(TokenText.TryParse(token, out var original));
        Assert.True(TokenSigner.VerifyMac(TokenPurpose.Media, TokenSignerTests.FixedKey, "docs/a.pdf", "v", original));
    }
}
