namespace TimeToken.Core;

/// <summary>Default limits of an upload slot. A slot may narrow them when it is created.</summary>
public sealed class UploadLimitsOptions
{
    /// <summary>
    /// The largest accepted body, in bytes, counted while the body streams in (never taken from
    /// <c>Content-Length</c>). Default 30,000,000, the default maximum file size of Orchard Core's media library.
    /// </summary>
    public long MaxBytes { get; set; } = 30_000_000;

    /// <summary>
    /// A comma-separated list of allowed file extensions, each starting with a dot, compared case-insensitively,
    /// for example <c>.pdf,.png,.txt</c>. Default empty: every extension is allowed.
    /// </summary>
    public string AllowedExtensions { get; set; } = string.Empty;

    /// <summary>The number of files one upload may carry. Default 1.</summary>
    public int MaxFiles { get; set; } = 1;

    /// <summary>
    /// How many times a slot may fail on the server's side (its handler threw, or the body could not be stored:
    /// answer 500) and still be retried. Default 3; allowed 1 to 100. After that many failures the slot is spent and
    /// answers 409 like a used slot, so one slot cannot make the server store its body again and again.
    /// </summary>
    /// <remarks>Refusals of the client's input (400, 413, 415) and clients going away do not count.</remarks>
    public int MaxFailedAttempts { get; set; } = 3;

    /// <summary>
    /// Origins (such as <c>https://app.example.com</c>) whose browsers may POST to upload slots; CORS preflight is
    /// answered only for them. Default empty: no cross-origin browser uploads (non-browser clients need no CORS).
    /// </summary>
    public IList<string> CorsOrigins { get; set; } = [];
}
