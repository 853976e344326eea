namespace TimeToken.Core;

/// <summary>
/// Settings of the time-token gate, the URL signer and the upload slots. Bound from configuration (section
/// <c>TimeToken</c> in the sample, <c>OrchardCore_TimeToken</c> in Orchard Core) or filled from the site settings.
/// </summary>
/// <remarks>
/// Check a filled instance with <see cref="TimeTokenOptionsValidator"/>; every service assumes valid options.
/// </remarks>
public sealed class TimeTokenOptions
{
    /// <summary>The name of the configuration section in a plain ASP.NET Core application.</summary>
    public const string SectionName = "TimeToken";

    /// <summary>The default <see cref="ParameterName"/>.</summary>
    public const string DefaultParameterName = "tt";

    /// <summary>The default <see cref="PublicNamespace"/>.</summary>
    public const string DefaultPublicNamespace = "public/";

    /// <summary>The default <see cref="UploadNamespace"/>.</summary>
    public const string DefaultUploadNamespace = "timetoken/upload";

    /// <summary>The default <see cref="TimeoutSeconds"/>: 3600 (one hour).</summary>
    public const int DefaultTimeoutSeconds = 3600;

    /// <summary>The default <see cref="FailureStatusCode"/>: 404, which reveals nothing.</summary>
    public const int DefaultFailureStatusCode = 404;

    /// <summary>
    /// The default lifetime of a link, in seconds. Default 3600 (one hour); allowed 10 to 604800 (seven days).
    /// </summary>
    /// <remarks>
    /// Lowering it cuts links already issued: the gate refuses an expiry further away than
    /// <see cref="EffectiveMaxLifetimeSeconds"/> plus its rounding slack (see <see cref="CacheWindowSeconds"/>).
    /// </remarks>
    public int TimeoutSeconds { get; set; } = DefaultTimeoutSeconds;

    /// <summary>
    /// The longest lifetime a single link may ask for (for example the <c>lifetime</c> argument of the Liquid
    /// filter), in seconds. Default <see langword="null"/>, which means <see cref="TimeoutSeconds"/>. Never below
    /// <see cref="TimeoutSeconds"/>; at most 604800.
    /// </summary>
    public int? MaxLifetimeSeconds { get; set; }

    /// <summary>
    /// The longest rounding slack of a link's expiry, in seconds. The expiry is rounded up to a multiple of the
    /// slack, <c>min(CacheWindowSeconds, lifetime / 10)</c> and at least 1 second, so every render inside one slack
    /// yields the identical URL and browsers and CDNs can cache it. Default 300; allowed 1 to 3600.
    /// </summary>
    /// <remarks>
    /// A link therefore lives at least its lifetime and less than its lifetime plus its slack: a 10-second link
    /// dies by second 11, a 60-second link by second 66, a one-hour link by second 3,900.
    /// </remarks>
    public int CacheWindowSeconds { get; set; } = 300;

    /// <summary>
    /// The query parameter that carries the token. Default <c>tt</c>. 1 to 32 characters of
    /// <c>A-Z a-z 0-9 - _</c>; never <c>token</c> (Orchard's resize token) nor an image command name.
    /// </summary>
    public string ParameterName { get; set; } = DefaultParameterName;

    /// <summary>
    /// The media folder served without a token, relative to the media root and ending with <c>/</c>.
    /// Default <c>public/</c>. An empty value turns the public namespace off: every file then needs a token.
    /// </summary>
    /// <remarks>
    /// Security: the decision is taken only on the normalised path, after dot segments, backslashes, encoded
    /// separators and control characters were refused, so <c>public/../secret</c> never counts as public.
    /// </remarks>
    public string PublicNamespace { get; set; } = DefaultPublicNamespace;

    /// <summary>
    /// The status of every refused request: 404 (default, reveals nothing), 403 or 410 (for clients that refresh
    /// their links on that status). The body never names the reason.
    /// </summary>
    public int FailureStatusCode { get; set; } = DefaultFailureStatusCode;

    /// <summary>
    /// The path, relative to the application (or tenant) root and without a leading <c>/</c>, under which upload
    /// slots are served. Default <c>timetoken/upload</c>.
    /// </summary>
    public string UploadNamespace { get; set; } = DefaultUploadNamespace;

    /// <summary>
    /// An optional StackExchange.Redis connection string. When set, upload slots are kept in Redis, so several
    /// nodes share them. Default <see langword="null"/> (slots kept in memory, one node).
    /// </summary>
    /// <remarks>Security: the connection string may hold a password; it is never logged.</remarks>
    public string? Redis { get; set; }

    /// <summary>Limits of upload slots.</summary>
    public UploadLimitsOptions Uploads { get; set; } = new();

    /// <summary>The maximum lifetime in seconds: <see cref="MaxLifetimeSeconds"/> or, when unset, <see cref="TimeoutSeconds"/>.</summary>
    public int EffectiveMaxLifetimeSeconds => MaxLifetimeSeconds ?? TimeoutSeconds;

    /// <summary>
    /// How far ahead an expiry may lie, and how long a retired key keeps verifying: the maximum lifetime plus its
    /// rounding slack (<c>min(CacheWindowSeconds, max / 10)</c>, at least 1 second). By then every link a retired
    /// key signed has expired.
    /// </summary>
    public TimeSpan GracePeriod => LinkLifetime.GracePeriod(this);

    /// <summary>Whether a public namespace is configured.</summary>
    public bool HasPublicNamespace => !string.IsNullOrEmpty(PublicNamespace);
}
