using System.Globalization;

namespace TimeToken.Core.Signing;

/// <summary>
/// A parsed token: <c>{keyId}.{expiry}.{mac}</c>, with an 8-character key id, the expiry in unix seconds
/// (decimal, no sign, no leading zero) and a 43-character base64url HMAC-SHA256; or
/// <c>{keyId}.{expiry}.{issuedAt}.{mac}</c> for a media link made before its file's version was known, the issue time
/// written as the expiry is and before it; or <c>{keyId}.{expiry}.{grantId}.{mac}</c> for a share link, with a
/// 22-character base64url grant id (<see cref="Media.MediaGrantId"/>), told from an issue time by its length.
/// </summary>
internal readonly struct TokenText
{
    /// <summary>The length of the MAC part: base64url of 32 bytes, unpadded.</summary>
    public const int MacLength = 43;

    /// <summary>The longest token: key id, separators, 12 expiry digits, a grant id (longer than 12 issue-time digits) and the MAC.</summary>
    public const int MaxLength = SigningKey.IdLength + 1 + MaxExpiryDigits + 1 + Media.MediaGrantId.Length + 1 + MacLength;

    private const int MaxExpiryDigits = 12;

    private readonly string _text;

    // Where the grant id starts in the text; 0 when there is none.
    private readonly int _grantStart;

    private TokenText(string text, long expiresAt, long issuedAt, int grantStart)
    {
        _text = text;
        ExpiresAtUnixSeconds = expiresAt;
        IssuedAtUnixSeconds = issuedAt;
        _grantStart = grantStart;
    }

    /// <summary>Whether the token is a share link's (<see cref="TokenPurpose.MediaGrant"/>).</summary>
    public bool HasGrant => _grantStart > 0;

    /// <summary>The grant id of a share link's token; empty otherwise.</summary>
    public ReadOnlySpan<char> GrantId => HasGrant ? _text.AsSpan(_grantStart, Media.MediaGrantId.Length) : default;

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

        // A MAC follows, or an issue time or a grant id and then the MAC; a MAC never holds a dot. A grant id is
        // longer than the longest issue time, so its length tells them apart.
        long issuedAt = 0;
        var grantStart = 0;
        if (rest.Length == Media.MediaGrantId.Length + 1 + MacLength && rest[Media.MediaGrantId.Length] == '.')
        {
            if (!Media.MediaGrantId.IsValid(rest[..Media.MediaGrantId.Length]))
            {
                return false;
            }

            grantStart = value.Length - rest.Length;
            rest = rest[(Media.MediaGrantId.Length + 1)..];
        }
        else if (rest.Length != MacLength && (!TryReadNumber(ref rest, out issuedAt) || issuedAt >= expiresAt))
        {
            return false;
        }

        if (rest.Length != MacLength || !Base64Url.IsAlphabet(rest))
        {
            return false;
        }

        token = new TokenText(value, expiresAt, issuedAt, grantStart);
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
