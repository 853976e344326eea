using System.Security.Cryptography;

namespace TimeToken.Core.Media;

/// <summary>
/// The id of a share-link grant: 16 random bytes as 22 base64url characters. It is signed into the link's token, so it
/// can be neither added, removed nor changed without the link failing.
/// </summary>
public static class MediaGrantId
{
    /// <summary>The length of a grant id, in characters.</summary>
    public const int Length = 22;

    private const int ByteCount = 16;

    /// <summary>A new random grant id.</summary>
    /// <returns>22 base64url characters from <see cref="RandomNumberGenerator"/>.</returns>
    public static string New()
    {
        Span<byte> bytes = stackalloc byte[ByteCount];
        RandomNumberGenerator.Fill(bytes);
        Span<char> text = stackalloc char[Length];
        Signing.Base64Url.Encode(bytes, text);
        return new string(text);
    }

    /// <summary>Whether a text has the shape of a grant id: 22 base64url characters.</summary>
    /// <param name="value">The text.</param>
    /// <returns>Whether it is a grant id.</returns>
    public static bool IsValid(ReadOnlySpan<char> value) => value.Length == Length && Signing.Base64Url.IsAlphabet(value);
}
