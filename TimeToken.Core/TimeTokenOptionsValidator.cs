using System.Globalization;
using Microsoft.Extensions.Options;
using TimeToken.Core.Media;

namespace TimeToken.Core;

/// <summary>
/// The rules of every <see cref="TimeTokenOptions"/> setting, shared by start-up validation, the sample and a host's
/// settings page; its <c>Min*</c> and <c>Max*</c> constants are the limits such a page shows.
/// </summary>
public sealed class TimeTokenOptionsValidator : IValidateOptions<TimeTokenOptions>
{
    /// <summary>The shortest allowed <see cref="TimeTokenOptions.TimeoutSeconds"/>: 10 seconds.</summary>
    public const int MinTimeoutSeconds = 10;

    /// <summary>The longest allowed lifetime: 7 days, in seconds.</summary>
    public const int MaxTimeoutSeconds = 7 * 24 * 3600;

    /// <summary>The longest allowed <see cref="TimeTokenOptions.CacheWindowSeconds"/>: one hour.</summary>
    public const int MaxCacheWindowSeconds = 3600;

    /// <summary>The longest allowed <see cref="TimeTokenOptions.ParameterName"/>: 32 characters.</summary>
    public const int MaxParameterNameLength = 32;

    /// <summary>The most files one upload may be allowed to carry.</summary>
    public const int MaxFilesLimit = 100;

    /// <summary>The configuration section named in start-up errors when none is given.</summary>
    public const string DefaultSectionName = "TimeToken";

    private readonly string _sectionName;

    /// <summary>Creates the validator; its errors name settings below the section <c>TimeToken</c>.</summary>
    public TimeTokenOptionsValidator()
        : this(DefaultSectionName)
    {
    }

    /// <summary>Creates the validator.</summary>
    /// <param name="sectionName">
    /// The configuration section the options are bound from, named in each start-up error (for example
    /// <c>OrchardCore_TimeToken</c> in Orchard Core), so the message points at the key to change.
    /// </param>
    public TimeTokenOptionsValidator(string sectionName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sectionName);
        _sectionName = sectionName;
    }

    /// <summary>The largest allowed <see cref="UploadLimitsOptions.MaxFailedAttempts"/>.</summary>
    public const int MaxFailedAttemptsLimit = 100;

    /// <summary>
    /// Query keys the token parameter may not take: Orchard's resize <c>token</c>, the cache buster <c>v</c>, and
    /// the image commands of Orchard Core's ImageSharp pipeline.
    /// </summary>
    public static readonly IReadOnlySet<string> ReservedParameterNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "token", "v", "width", "height", "rmode", "rxy", "ranchor", "anchor", "rsampler", "rcolor", "bgcolor",
        "compand", "orient", "autoorient", "format", "quality",
    };

    /// <summary>Lists every rule <paramref name="options"/> breaks.</summary>
    /// <param name="options">The options to check.</param>
    /// <returns>The errors; empty when the options are valid.</returns>
    public static IReadOnlyList<TimeTokenOptionsError> Check(TimeTokenOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<TimeTokenOptionsError>();
        void Add(string setting, string message) => errors.Add(new TimeTokenOptionsError(setting, message));

        if (options.TimeoutSeconds is < MinTimeoutSeconds or > MaxTimeoutSeconds)
        {
            Add(nameof(options.TimeoutSeconds), Invariant($"The timeout must be between {MinTimeoutSeconds} and {MaxTimeoutSeconds} seconds (7 days)."));
        }

        if (options.MaxLifetimeSeconds is { } max && (max < options.TimeoutSeconds || max > MaxTimeoutSeconds))
        {
            Add(nameof(options.MaxLifetimeSeconds), Invariant($"The maximum lifetime must be at least the timeout ({options.TimeoutSeconds} s) and at most {MaxTimeoutSeconds} seconds (7 days)."));
        }

        if (options.CacheWindowSeconds is < 1 or > MaxCacheWindowSeconds)
        {
            Add(nameof(options.CacheWindowSeconds), Invariant($"The cache window must be between 1 and {MaxCacheWindowSeconds} seconds."));
        }

        if (!IsValidParameterName(options.ParameterName))
        {
            Add(nameof(options.ParameterName), Invariant($"The parameter name must be 1 to {MaxParameterNameLength} characters of A-Z, a-z, 0-9, '-' and '_'."));
        }
        else if (ReservedParameterNames.Contains(options.ParameterName))
        {
            Add(nameof(options.ParameterName), $"The parameter name '{options.ParameterName}' is used by Orchard Core's media pipeline; choose another.");
        }

        if (!string.IsNullOrEmpty(options.PublicNamespace) && !MediaPath.TryNormalizeFolder(options.PublicNamespace, out _))
        {
            Add(nameof(options.PublicNamespace), "The public folder must be a relative folder such as 'public/': no '..' or '.' segments, backslashes or control characters.");
        }

        if (options.FailureStatusCode is not (403 or 404 or 410))
        {
            Add(nameof(options.FailureStatusCode), "The failure status must be 404, 403 or 410.");
        }

        if (!IsValidUploadNamespace(options.UploadNamespace))
        {
            Add(nameof(options.UploadNamespace), "The upload path must be a relative path of letters, digits, '-', '_' and '.', such as 'timetoken/upload'.");
        }

        var uploads = options.Uploads;
        if (uploads is null)
        {
            Add(nameof(options.Uploads), "The upload limits are missing.");
            return errors;
        }

        if (uploads.MaxBytes < 1)
        {
            Add("Uploads:MaxBytes", "The upload size limit must be at least 1 byte.");
        }

        if (uploads.MaxFailedAttempts is < 1 or > MaxFailedAttemptsLimit)
        {
            Add("Uploads:MaxFailedAttempts", Invariant($"The number of failed attempts per slot must be between 1 and {MaxFailedAttemptsLimit}."));
        }

        if (uploads.MaxFiles is < 1 or > MaxFilesLimit)
        {
            Add("Uploads:MaxFiles", Invariant($"The number of files per upload must be between 1 and {MaxFilesLimit}."));
        }

        if (!TryParseExtensions(uploads.AllowedExtensions, out _))
        {
            Add("Uploads:AllowedExtensions", "Allowed extensions must be a comma-separated list such as '.pdf,.png,.txt'.");
        }

        foreach (var origin in uploads.CorsOrigins ?? [])
        {
            if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")
                || uri.PathAndQuery != "/" || !string.IsNullOrEmpty(uri.Fragment) || origin.EndsWith('/'))
            {
                Add("Uploads:CorsOrigins", $"'{origin}' is not an origin such as 'https://app.example.com'.");
            }
        }

        return errors;
    }

    /// <summary>Whether <paramref name="name"/> is 1 to 32 URL-safe characters (reserved names not checked).</summary>
    /// <param name="name">The candidate parameter name.</param>
    /// <returns>Whether the shape is right.</returns>
    public static bool IsValidParameterName(string? name) =>
        name is { Length: >= 1 and <= MaxParameterNameLength } && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    /// <summary>Parses a comma-separated extension list into lower-case extensions with their dot.</summary>
    /// <param name="list">The list, such as <c>.pdf, .PNG</c>; empty or blank for "every extension".</param>
    /// <param name="extensions">The extensions, lower case; empty for "every extension".</param>
    /// <returns>Whether every entry is a dot followed by 1 to 16 letters or digits.</returns>
    public static bool TryParseExtensions(string? list, out IReadOnlySet<string> extensions)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        extensions = set;
        if (string.IsNullOrWhiteSpace(list))
        {
            return true;
        }

        foreach (var entry in list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (entry.Length is < 2 or > 17 || entry[0] != '.' || !entry.AsSpan(1).ContainsOnlyAsciiLettersOrDigits())
            {
                return false;
            }

            set.Add(entry.ToLowerInvariant());
        }

        return true;
    }

    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, TimeTokenOptions options)
    {
        var errors = Check(options);
        return errors.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(errors.Select(e => $"{_sectionName}:{e.Setting}: {e.Message}"));
    }

    private static bool IsValidUploadNamespace(string? value) =>
        !string.IsNullOrEmpty(value)
        && value.Length <= 128
        && value.Split('/').All(s => s.Length > 0 && s is not ("." or "..") && s.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'));

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

internal static class SpanExtensions
{
    public static bool ContainsOnlyAsciiLettersOrDigits(this ReadOnlySpan<char> span)
    {
        foreach (var c in span)
        {
            if (!char.IsAsciiLetterOrDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
