using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace TimeToken.Core.Signing;

/// <summary>
/// Makes and checks tokens: HMAC-SHA256 over a length-prefixed canonical message of purpose, key id, subject
/// (the normalised path or the slot id), version and expiry.
/// </summary>
/// <remarks>
/// <para>
/// The canonical message is five fields, each written as a 4-byte big-endian length followed by its UTF-8 bytes:
/// the purpose (<c>media-v1</c>, <c>media-at-v1</c> or <c>upload-v1</c>), the key id, the subject, the version (for
/// <c>media-at-v1</c>, the time the link was made), and the expiry in
/// decimal unix seconds. Lengths make the encoding unambiguous: no field can shift into its neighbour. A share link
/// (<c>media-grant-v1</c>) adds a sixth field, its grant id.
/// </para>
/// <para>
/// Security: MACs are compared with <see cref="CryptographicOperations.FixedTimeEquals"/>. Each key keeps its own
/// keyed HMAC instances (<see cref="SigningKey"/>), so signing allocates only the resulting string and a site whose
/// tenants take turns on a thread never re-keys.
/// </para>
/// </remarks>
internal static class TokenSigner
{
    /// <summary>The purpose string of <see cref="TokenPurpose.Media"/>.</summary>
    public const string MediaPurpose = "media-v1";

    /// <summary>The purpose string of <see cref="TokenPurpose.Upload"/>.</summary>
    public const string UploadPurpose = "upload-v1";

    /// <summary>The purpose string of <see cref="TokenPurpose.MediaIssuedAt"/>.</summary>
    public const string MediaIssuedAtPurpose = "media-at-v1";

    /// <summary>The purpose string of <see cref="TokenPurpose.MediaGrant"/>.</summary>
    public const string MediaGrantPurpose = "media-grant-v1";

    private const int MacSize = 32;
    private const int ScratchSize = 512;

    // The thread's buffer for canonical messages; it holds no secret.
    [ThreadStatic]
    private static byte[]? t_scratch;

    /// <summary>Makes a token.</summary>
    /// <param name="purpose">What the token authorises.</param>
    /// <param name="key">The signing key (normally the ring's active key).</param>
    /// <param name="subject">The normalised media path, or the slot id.</param>
    /// <param name="version">The file version (empty for upload slots).</param>
    /// <param name="expiresAtUnixSeconds">The expiry in unix seconds; positive.</param>
    /// <returns>The token text: <c>{keyId}.{expiry}.{mac}</c>.</returns>
    public static string Sign(TokenPurpose purpose, SigningKey key, string subject, string version, long expiresAtUnixSeconds)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(version);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(expiresAtUnixSeconds);

        Span<byte> mac = stackalloc byte[MacSize];
        ComputeMac(purpose, key, subject, version, expiresAtUnixSeconds, mac);
        return Format(key, expiresAtUnixSeconds, issuedAtUnixSeconds: 0, mac);
    }

    /// <summary>
    /// Makes a media token for a file whose version is not known yet: purpose <c>media-at-v1</c>, and the time the
    /// link was made in the version field and in the token, <c>{keyId}.{expiry}.{issuedAt}.{mac}</c>. The gate serves
    /// it only while the file's last write time is not after <paramref name="issuedAtUnixSeconds"/>.
    /// </summary>
    /// <param name="key">The signing key.</param>
    /// <param name="path">The normalised media path.</param>
    /// <param name="issuedAtUnixSeconds">When the link was made, in unix seconds, rounded up; positive, before the expiry.</param>
    /// <param name="expiresAtUnixSeconds">The expiry in unix seconds.</param>
    /// <returns>The token text.</returns>
    public static string SignIssuedAt(SigningKey key, string path, long issuedAtUnixSeconds, long expiresAtUnixSeconds)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(path);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(issuedAtUnixSeconds);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(issuedAtUnixSeconds, expiresAtUnixSeconds);

        Span<byte> mac = stackalloc byte[MacSize];
        ComputeMac(TokenPurpose.MediaIssuedAt, key, path, IssuedAtText(issuedAtUnixSeconds), expiresAtUnixSeconds, mac);
        return Format(key, expiresAtUnixSeconds, issuedAtUnixSeconds, mac);
    }

    /// <summary>
    /// Makes a share-link token: purpose <c>media-grant-v1</c>, the grant id as a sixth field of the signed message,
    /// and the token <c>{keyId}.{expiry}.{grantId}.{mac}</c>.
    /// </summary>
    /// <param name="key">The signing key.</param>
    /// <param name="path">The normalised media path.</param>
    /// <param name="version">The file's version.</param>
    /// <param name="grantId">The grant id (<see cref="Media.MediaGrantId.IsValid"/>).</param>
    /// <param name="expiresAtUnixSeconds">The expiry in unix seconds; positive.</param>
    /// <returns>The token text.</returns>
    /// <exception cref="ArgumentException"><paramref name="grantId"/> is not a grant id.</exception>
    public static string SignGrant(SigningKey key, string path, string version, string grantId, long expiresAtUnixSeconds)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(version);
        if (!Media.MediaGrantId.IsValid(grantId))
        {
            throw new ArgumentException("Not a grant id.", nameof(grantId));
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(expiresAtUnixSeconds);
        Span<byte> mac = stackalloc byte[MacSize];
        ComputeMac(TokenPurpose.MediaGrant, key, path, version, expiresAtUnixSeconds, mac, grantId);
        return Format(key, expiresAtUnixSeconds, issuedAtUnixSeconds: 0, mac, grantId);
    }

    // "{keyId}.{expiry}.{mac}", "{keyId}.{expiry}.{issuedAt}.{mac}" when an issue time is given, or
    // "{keyId}.{expiry}.{grantId}.{mac}" when a grant id is.
    private static string Format(SigningKey key, long expiresAtUnixSeconds, long issuedAtUnixSeconds, ReadOnlySpan<byte> mac, string? grantId = null)
    {
        Span<char> text = stackalloc char[TokenText.MaxLength];
        key.Id.AsSpan().CopyTo(text);
        var position = SigningKey.IdLength;
        text[position++] = '.';
        foreach (var number in (ReadOnlySpan<long>)[expiresAtUnixSeconds, issuedAtUnixSeconds])
        {
            if (number > 0)
            {
                number.TryFormat(text[position..], out var digitCount, provider: CultureInfo.InvariantCulture);
                position += digitCount;
                text[position++] = '.';
            }
        }

        if (grantId is not null)
        {
            grantId.AsSpan().CopyTo(text[position..]);
            position += grantId.Length;
            text[position++] = '.';
        }

        position += Base64Url.Encode(mac, text[position..]);
        return new string(text[..position]);
    }

    /// <summary>The version field of a <see cref="TokenPurpose.MediaIssuedAt"/> token: the issue time in decimal.</summary>
    /// <param name="issuedAtUnixSeconds">The issue time in unix seconds.</param>
    /// <returns>The decimal text.</returns>
    public static string IssuedAtText(long issuedAtUnixSeconds) => issuedAtUnixSeconds.ToString(CultureInfo.InvariantCulture);

    /// <summary>Checks the MAC of a parsed token, in constant time.</summary>
    /// <param name="purpose">The purpose the request needs.</param>
    /// <param name="key">The key named by the token's key id.</param>
    /// <param name="subject">The normalised media path, or the slot id, of the request.</param>
    /// <param name="version">The file's current version (empty for upload slots).</param>
    /// <param name="token">The parsed token.</param>
    /// <returns>Whether the MAC matches.</returns>
    public static bool VerifyMac(TokenPurpose purpose, SigningKey key, string subject, string version, in TokenText token)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(version);

        // The token's MAC text is decoded and must be the canonical encoding of what it decodes to: then it matches
        // the expected text exactly when the 32 bytes match. Both checks read only the request's own token, not the
        // secret MAC; the secret is compared once, in constant time, over 32 bytes instead of 86 bytes of UTF-16 text
        // (FixedTimeEquals is deliberately unoptimised, so the shorter comparison is markedly faster).
        Span<byte> given = stackalloc byte[MacSize];
        if (!IsCanonicalMac(token.Mac, given))
        {
            return false;
        }

        // A share-link token's grant id is signed as a sixth field; any other purpose has five.
        Span<byte> mac = stackalloc byte[MacSize];
        ComputeMac(purpose, key, subject, version, token.ExpiresAtUnixSeconds, mac, purpose == TokenPurpose.MediaGrant ? token.GrantId : default);
        return CryptographicOperations.FixedTimeEquals(mac, given);
    }

    /// <summary>Decodes a MAC text into <paramref name="bytes"/>; true only when re-encoding gives the same text.</summary>
    /// <remarks>The decoder's status is read rather than its Try method, which throws on unused bits that are set.</remarks>
    private static bool IsCanonicalMac(ReadOnlySpan<char> text, Span<byte> bytes)
    {
        if (text.Length != TokenText.MacLength
            || System.Buffers.Text.Base64Url.DecodeFromChars(text, bytes, out _, out var written) != OperationStatus.Done
            || written != MacSize)
        {
            return false;
        }

        Span<char> reencoded = stackalloc char[TokenText.MacLength];
        Base64Url.Encode(bytes, reencoded);
        return reencoded.SequenceEqual(text);
    }

    /// <summary>The purpose string written into the canonical message.</summary>
    /// <param name="purpose">The purpose.</param>
    /// <returns><c>media-v1</c>, <c>media-at-v1</c> or <c>upload-v1</c>.</returns>
    public static string PurposeString(TokenPurpose purpose) => purpose switch
    {
        TokenPurpose.Media => MediaPurpose,
        TokenPurpose.Upload => UploadPurpose,
        TokenPurpose.MediaIssuedAt => MediaIssuedAtPurpose,
        TokenPurpose.MediaGrant => MediaGrantPurpose,
        _ => throw new ArgumentOutOfRangeException(nameof(purpose)),
    };

    /// <summary>Writes the canonical message; exposed for tests and benchmarks.</summary>
    internal static byte[] CanonicalMessage(TokenPurpose purpose, string keyId, string subject, string version, long expiresAt, string? grantId = null)
    {
        var buffer = new byte[CanonicalLength(purpose, keyId, subject, version, expiresAt, grantId)];
        WriteCanonical(purpose, keyId, subject, version, expiresAt, buffer, grantId);
        return buffer;
    }

    private static void ComputeMac(TokenPurpose purpose, SigningKey key, string subject, string version, long expiresAt, Span<byte> mac, ReadOnlySpan<char> grantId = default)
    {
        // Usually the message fits the thread's scratch buffer whatever its characters (UTF-8 needs at most 3 bytes
        // per UTF-16 char, a long at most 20 digits), and is written without measuring it first.
        var longest = (6L * sizeof(int)) + PurposeString(purpose).Length + (3L * ((long)key.Id.Length + subject.Length + version.Length + grantId.Length)) + 20;
        byte[]? rented = null;
        var buffer = longest <= ScratchSize
            ? t_scratch ??= new byte[ScratchSize]
            : (rented = ArrayPool<byte>.Shared.Rent(CanonicalLength(purpose, key.Id, subject, version, expiresAt, grantId)));
        var hmac = key.RentHmac();
        try
        {
            var length = WriteCanonical(purpose, key.Id, subject, version, expiresAt, buffer, grantId);
            hmac.AppendData(buffer, 0, length);
            hmac.GetHashAndReset(mac);
        }
        finally
        {
            key.ReturnHmac(hmac);
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private static int CanonicalLength(TokenPurpose purpose, string keyId, string subject, string version, long expiresAt, ReadOnlySpan<char> grantId = default) =>
        (5 * sizeof(int))
        + (purpose == TokenPurpose.MediaGrant ? sizeof(int) + Encoding.UTF8.GetByteCount(grantId) : 0)
        + PurposeString(purpose).Length
        + Encoding.UTF8.GetByteCount(keyId)
        + Encoding.UTF8.GetByteCount(subject)
        + Encoding.UTF8.GetByteCount(version)
        + DigitCount(expiresAt);

    private static int WriteCanonical(TokenPurpose purpose, string keyId, string subject, string version, long expiresAt, Span<byte> destination, ReadOnlySpan<char> grantId = default)
    {
        var rest = destination;
        rest = WriteField(rest, PurposeString(purpose));
        rest = WriteField(rest, keyId);
        rest = WriteField(rest, subject);
        rest = WriteField(rest, version);
        expiresAt.TryFormat(rest[sizeof(int)..], out var digits, provider: CultureInfo.InvariantCulture);
        BinaryPrimitives.WriteInt32BigEndian(rest, digits);
        rest = rest[(sizeof(int) + digits)..];

        // The grant id of a share link comes last, so the five fields of every other purpose are unchanged.
        if (purpose == TokenPurpose.MediaGrant)
        {
            rest = WriteField(rest, grantId);
        }

        return destination.Length - rest.Length;
    }

    private static Span<byte> WriteField(Span<byte> destination, ReadOnlySpan<char> value)
    {
        var written = Encoding.UTF8.GetBytes(value, destination[sizeof(int)..]);
        BinaryPrimitives.WriteInt32BigEndian(destination, written);
        return destination[(sizeof(int) + written)..];
    }

    private static int DigitCount(long value)
    {
        Span<char> digits = stackalloc char[20];
        value.TryFormat(digits, out var count, provider: CultureInfo.InvariantCulture);
        return count;
    }
}
