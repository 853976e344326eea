using TimeToken.Core.Media;

namespace TimeToken.OrchardCore.RichText;

/// <summary>
/// One media URL as it appears in stored or rendered text, read once (<see cref="MediaLinkText.TryParse"/>): what the
/// signer is asked about (the decoded URL without token, the storage path) and the pieces its signed form is built
/// from (the text up to the token, the fragment after it), so signing it again needs no parsing.
/// </summary>
internal sealed class MediaLink
{
    private readonly string _beforeToken;
    private readonly string _afterToken;

    /// <summary>Takes the pieces of a parsed URL.</summary>
    /// <param name="decodedUrl">The URL without token and fragment, character references decoded: the signer's input.</param>
    /// <param name="storagePath">The path of the file in the media store, unescaped.</param>
    /// <param name="beforeToken">The URL as written, without token and fragment, with the separator and <c>name=</c> of a new token.</param>
    /// <param name="afterToken">The fragment as written (<c>#…</c>), or empty.</param>
    public MediaLink(string decodedUrl, string storagePath, string beforeToken, string afterToken)
    {
        DecodedUrl = decodedUrl;
        StoragePath = storagePath;
        _beforeToken = beforeToken;
        _afterToken = afterToken;
    }

    /// <summary>The URL without token and fragment, character references decoded.</summary>
    public string DecodedUrl { get; }

    /// <summary>The path of the file in the media store.</summary>
    public string StoragePath { get; }

    /// <summary>The request that signs this URL: <see cref="DecodedUrl"/> for <see cref="StoragePath"/>.</summary>
    public MediaUrlRequest Request => MediaUrlRequest.ForUrl(DecodedUrl, StoragePath);

    /// <summary>
    /// The URL as written with <paramref name="token"/> as its token, or <see langword="null"/> when there is no token
    /// (the signer gave none: a public file, an invalid path).
    /// </summary>
    /// <param name="token">The token the signer gave (<see cref="MediaUrlResult.Token"/>), URL-safe.</param>
    public string? WithToken(string? token) => token is null ? null : string.Concat(_beforeToken, token, _afterToken);
}
