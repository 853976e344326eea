namespace TimeToken.Core.Signing;

/// <summary>Unpadded base64url (RFC 4648 §5).</summary>
internal static class Base64Url
{
    private static readonly System.Buffers.SearchValues<char> s_alphabet =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");

    /// <summary>Whether every character is in the base64url alphabet (vectorised).</summary>
    public static bool IsAlphabet(ReadOnlySpan<char> text) => !text.ContainsAnyExcept(s_alphabet);

    public static string Encode(ReadOnlySpan<byte> bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);

    public static int Encode(ReadOnlySpan<byte> bytes, Span<char> destination) =>
        System.Buffers.Text.Base64Url.EncodeToChars(bytes, destination);

    public static int GetEncodedLength(int byteCount) => System.Buffers.Text.Base64Url.GetEncodedLength(byteCount);
}
