using System.Security.Cryptography;
using TimeToken.Core.Signing;

namespace TimeToken.Core.Uploads;

/// <summary>Slot ids, slot URLs and the verification of slot tokens.</summary>
internal static class UploadSlotToken
{
    /// <summary>Random bytes in a slot id: 128 bits.</summary>
    public const int SlotIdBytes = 16;

    /// <summary>The length of a slot id: base64url of 16 bytes, unpadded.</summary>
    public const int SlotIdLength = 22;

    public static string NewSlotId()
    {
        Span<byte> bytes = stackalloc byte[SlotIdBytes];
        RandomNumberGenerator.Fill(bytes);
        return Base64Url.Encode(bytes);
    }

    public static bool IsValidSlotId(ReadOnlySpan<char> id) => id.Length == SlotIdLength && Base64Url.IsAlphabet(id);

    /// <summary>The token of a slot. The version field is empty: the slot record on the server holds everything else.</summary>
    public static string Sign(SigningKey key, string slotId, long expiresAtUnixSeconds) =>
        TokenSigner.Sign(TokenPurpose.Upload, key, slotId, string.Empty, expiresAtUnixSeconds);

    /// <summary>
    /// Splits the path below the upload namespace, <c>/{slotId}/{token}</c>, with strict lengths before anything
    /// else is looked at.
    /// </summary>
    public static bool TryParsePath(string? rest, out string slotId, out string token)
    {
        slotId = string.Empty;
        token = string.Empty;
        if (rest is null || rest.Length < 2 + SlotIdLength || rest.Length > 2 + SlotIdLength + TokenText.MaxLength
            || rest[0] != '/' || rest[1 + SlotIdLength] != '/')
        {
            return false;
        }

        var id = rest.AsSpan(1, SlotIdLength);
        if (!IsValidSlotId(id))
        {
            return false;
        }

        slotId = id.ToString();
        token = rest[(2 + SlotIdLength)..];
        return true;
    }

    /// <summary>The checks of the media gate (<see cref="TokenVerifier"/>), for purpose <c>upload-v1</c> and an empty version.</summary>
    public static TokenFailure Verify(string slotId, string tokenText, KeyRing ring, TimeTokenOptions options, DateTimeOffset now) =>
        !TokenVerifier.TryCheckBeforeMac(tokenText, ring, now, options, out var token, out var key, out var failure) ? failure
            : token.IsIssuedAt ? TokenFailure.Malformed
            : TokenVerifier.CheckMac(TokenPurpose.Upload, key, slotId, string.Empty, token);
}
