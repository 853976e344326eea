using System.Globalization;

namespace TimeToken.Core.Signing;

/// <summary>
/// A parsed token: <c>{keyId}.{expiry}.{mac}</c>, with an 8-character key id, the expiry in unix seconds
/// (decimal, no sign, no leading zero) and a 43-character base64url HMAC-SHA256; or
/// <c>{keyId}.{expiry}.{issuedAt}.{mac}</c> for a media link made before its file's version was known, the issue time
/// written as the expiry is and before it.
/// </summary>
internal readonly struct TokenText
{
    /// <summary>The length of the MAC part: base64url of 32 bytes, unpadded.</summary>
    public const int MacLength = 43;

    /// <summary>The longest token: key id, separators, 12 expiry digits, 12 issue-time digits and the MAC.</summary>
    public const int MaxLength = SigningKey.IdLength + 1 + MaxExpiryDigits + 1 + MaxExpiryDigits + 1 + MacLength;

    private const int MaxExpiryDigits = 12;

    private readonly string _text;

    private TokenText(string text, long expiresAt, long issuedAt)
    {
        _text = text;
        ExpiresAtUnixSeconds = expiresAt;
        IssuedAtUnixSeconds = issuedAt;
    }

    /// <summary>When a link made before its file's version was known was made, in unix seconds; 0 for a versioned token.</summary>
    public long IssuedAtUnixSeconds { get; }

    /// <summary>Whether the token carries an issue time instead of binding a version (<see cref="TokenPurpose.MediaIssuedAt"/>).</summary>
    public bool IsIssuedAt => IssuedAtUnixSeconds > 0;

    /// <summary>The key id.</summary>
    public ReadOnlySpan<char> KeyId => _text.AsSpan(0, SigningKey.IdLength);

    /// <summary>The expiry, in unix seconds. The token is valid strictly before it.</summary>
    public long ExpiresAtUnixSeconds { get; }

    /// <summary>The MAC, base64url.</summary>
    public ReadOnlySpan<char> Mac => _text.AsSpan(_text.Length - MacLength);

    /// <summary>The expiry as a time.</summary>
    public DateTimeOffset ExpiresAt => DateTimeOffset.FromUnixTimeSeconds(ExpiresAtUnixSeconds);

    /// <summary>Parses a token strictly; any other shape fails.</summary>
    /// <param name="value">The parameter value.</param>
    /// <param name="token">The parts, when the shape is right.</param>
    /// <returns>Whether the shape is right. The MAC is not checked here.</returns>
    public static bool TryParse(string? value, out TokenText token)
    {
        token = default;
        if (value is null)
        {
            return false;
        }

        var text = value.AsSpan();
        if (text.Length > MaxLength || text.Length < SigningKey.IdLength + 3 + MacLength)
        {
            return false;
        }

        var keyId = text[..SigningKey.IdLength];
        if (!SigningKey.IsValidId(keyId) || text[SigningKey.IdLength] != '.')
        {
            return false;
        }

        var rest = text[(SigningKey.IdLength + 1)..];
        if (!TryReadNumber(ref rest, out var expiresAt))
        {
            return false;
        }

        // A MAC follows, or an issue time and then the MAC; a MAC never holds a dot.
        long issuedAt = 0;
        if (rest.Length != MacLength && (!TryReadNumber(ref rest, out issuedAt) || issuedAt >= expiresAt))
        {
            return false;
        }

        if (rest.Length != MacLength || !Base64Url.IsAlphabet(rest))
        {
            return false;
        }

        token = new TokenText(value, expiresAt, issuedAt);
        return true;
    }

    // Reads "{digits}." from the front of 'rest': 1 to 12 digits, no leading zero, within DateTimeOffset's range.
    private static bool TryReadNumber(ref ReadOnlySpan<char> rest, out long value)
    {
        value = 0;
        var dot = rest.IndexOf('.');
        if (dot is < 1 or > MaxExpiryDigits || rest[0] == '0')
        {
            return false;
        }

        var digits = rest[..dot];
        if (digits.ContainsAnyExceptInRange('0', '9'))
        {
            return false;
        }

        value = long.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
        rest = rest[(dot + 1)..];
        return value <= DateTimeOffset.MaxValue.ToUnixTimeSeconds();
    }
}
