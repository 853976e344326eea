using TimeToken.Core.Media;

namespace TimeToken.Tests.OrchardCore.RichText;

/// <summary>
/// A signer for the rich-text tests: a function gives the signed URL of a URL and path; a URL it leaves as it came
/// has no token, else the token is what follows its last <c>=</c>.
/// </summary>
internal sealed class DelegateSigner : IMediaUrlSigner
{
    private readonly Func<string, string, string> _addToken;

    public DelegateSigner(Func<string, string, string> addToken) => _addToken = addToken;

    public MediaUrlResult Sign(in MediaUrlRequest request)
    {
        var url = request.PublicUrl ?? request.Path;
        var signed = _addToken(url, request.Path);
        return string.Equals(signed, url, StringComparison.Ordinal)
            ? new MediaUrlResult(url, null, default, default)
            : new MediaUrlResult(signed, signed[(signed.LastIndexOf('=') + 1)..], DateTimeOffset.MaxValue, DateTimeOffset.MaxValue);
    }
}
