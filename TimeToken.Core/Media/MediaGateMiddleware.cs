using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using TimeToken.Core.Signing;

namespace TimeToken.Core.Media;

/// <summary>
/// Guards the media request path: a GET or HEAD below the prefix continues only with a valid time token, or when
/// its normalised path lies in the public namespace. Everything else below the prefix is answered here with the
/// configured failure status, an empty body and <c>Cache-Control: no-store</c>. Every GET or HEAD below the prefix
/// (public, protected or refused) carries <c>X-Content-Type-Options: nosniff</c>.
/// </summary>
internal sealed class MediaGateMiddleware
{
    private static FormattedMaxAge? s_lastPrivateMaxAge;

    private readonly RequestDelegate _next;
    private readonly PathString _prefix;
    private readonly IMediaFileVersionProvider _versions;
    private readonly IOptionsMonitor<TimeTokenOptions> _options;
    private readonly IKeyRingProvider _keyRing;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    public MediaGateMiddleware(
        RequestDelegate next,
        PathString prefix,
        IMediaFileVersionProvider versions,
        IOptionsMonitor<TimeTokenOptions> options,
        IKeyRingProvider keyRing,
        TimeProvider timeProvider,
        ILogger<MediaGateMiddleware> logger)
    {
        ArgumentNullException.ThrowIfNull(next);
        _next = next;
        _prefix = prefix;
        _versions = versions;
        _options = options;
        _keyRing = keyRing;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
            || !request.Path.StartsWithSegments(_prefix))
        {
            await _next(context);
            return;
        }

        // Every answer under the prefix, public, protected or refused: browsers must not guess another type than
        // the one sent (an uploaded HTML or SVG file served as text stays text).
        context.Response.Headers.XContentTypeOptions = "nosniff";

        // What StartsWithSegments would give as the remaining path, without allocating it: the characters after the
        // prefix, empty or starting with '/'.
        var remaining = request.Path.Value.AsSpan(_prefix.Value?.Length ?? 0);
        var options = _options.CurrentValue;
        if (!MediaPath.TryNormalizeChars(remaining, out var path))
        {
            await RefuseAsync(context, options, TokenFailure.BadPath);
            return;
        }

        if (MediaPolicy.IsPublic(path, options))
        {
            await _next(context);
            return;
        }

        var (failure, expiresAt) = await CheckAsync(request, path, options, context.RequestAborted);
        if (failure != TokenFailure.None)
        {
            await RefuseAsync(context, options, failure);
            return;
        }

        context.Response.OnStarting(static state =>
        {
            var (httpContext, expiry, timeProvider) = ((HttpContext, DateTimeOffset, TimeProvider))state;
            SetProtectedHeaders(httpContext.Response, expiry, timeProvider.GetUtcNow());
            return Task.CompletedTask;
        }, (context, expiresAt, _timeProvider));

        await _next(context);
    }

    /// <summary>Rewrites the caching headers of a protected response; internal for tests.</summary>
    internal static void SetProtectedHeaders(HttpResponse response, DateTimeOffset expiresAt, DateTimeOffset now)
    {
        var remaining = (long)Math.Floor((expiresAt - now).TotalSeconds);
        remaining = Math.Max(0, remaining);

        var headers = response.Headers;
        var noStore = false;
        var noCache = false;
        var mustRevalidate = false;
        var cacheControl = headers.CacheControl;

        // No Cache-Control (StaticFiles' default) parses to nothing: nothing to read. A single value made only of
        // common directives is read in place; anything else goes through the full parser as before.
        if (cacheControl.Count != 0)
        {
            long? maxAgeSeconds;
            if (cacheControl.Count == 1 && TryReadSimpleCacheControl(cacheControl[0], out var simple))
            {
                (noStore, noCache, mustRevalidate, maxAgeSeconds) = simple;
            }
            else if (CacheControlHeaderValue.TryParse(cacheControl.ToString(), out var existing))
            {
                noStore = existing.NoStore;
                noCache = existing.NoCache;
                mustRevalidate = existing.MustRevalidate;
                maxAgeSeconds = existing.MaxAge is { } maxAge ? (long)maxAge.TotalSeconds : null;
            }
            else
            {
                maxAgeSeconds = null;
            }

            if (maxAgeSeconds is { } seconds)
            {
                remaining = Math.Min(remaining, Math.Max(0, seconds));
            }
        }

        headers.CacheControl = noStore ? "private, no-store"
            : !noCache && !mustRevalidate ? PrivateMaxAge(remaining)
            : string.Create(CultureInfo.InvariantCulture, $"private, max-age={remaining}{(noCache ? ", no-cache" : string.Empty)}{(mustRevalidate ? ", must-revalidate" : string.Empty)}");
        headers.Remove(HeaderNames.Expires);
        headers["Referrer-Policy"] = "no-referrer";
    }

    /// <summary>
    /// <c>private, max-age={seconds}</c>, reusing the last string made: under load most responses of one second
    /// carry the same value.
    /// </summary>
    private static string PrivateMaxAge(long seconds)
    {
        var last = s_lastPrivateMaxAge;
        if (last is not null && last.Seconds == seconds)
        {
            return last.Value;
        }

        var value = string.Create(CultureInfo.InvariantCulture, $"private, max-age={seconds}");
        s_lastPrivateMaxAge = new FormattedMaxAge(seconds, value);
        return value;
    }

    /// <summary>
    /// Reads a Cache-Control value made only of lower-case <c>public</c>, <c>private</c>, <c>no-cache</c>,
    /// <c>no-store</c>, <c>must-revalidate</c>, <c>no-transform</c>, <c>immutable</c> and at most one
    /// <c>max-age=</c> with 1 to 9 digits, separated by commas and optional spaces or tabs: what
    /// <see cref="CacheControlHeaderValue.TryParse(Microsoft.Extensions.Primitives.StringSegment, out CacheControlHeaderValue?)"/>
    /// reads from such a value. Anything else (other directives, upper case, arguments, empty elements) is left to
    /// that parser. Internal for tests.
    /// </summary>
    internal static bool TryReadSimpleCacheControl(string? value, out (bool NoStore, bool NoCache, bool MustRevalidate, long? MaxAgeSeconds) directives)
    {
        directives = default;
        if (string.IsNullOrEmpty(value))
        {
            return false;
        }

        var noStore = false;
        var noCache = false;
        var mustRevalidate = false;
        long? maxAge = null;
        var span = value.AsSpan();
        foreach (var range in span.Split(','))
        {
            var directive = span[range].Trim(" \t");
            switch (directive)
            {
                case "public" or "private" or "no-transform" or "immutable":
                    break;
                case "no-store":
                    noStore = true;
                    break;
                case "no-cache":
                    noCache = true;
                    break;
                case "must-revalidate":
                    mustRevalidate = true;
                    break;
                default:
                    if (maxAge is not null
                        || !directive.StartsWith("max-age=", StringComparison.Ordinal)
                        || directive.Length is <= 8 or > 17
                        || directive[8..].ContainsAnyExceptInRange('0', '9'))
                    {
                        return false;
                    }

                    maxAge = long.Parse(directive[8..], NumberStyles.None, CultureInfo.InvariantCulture);
                    break;
            }
        }

        directives = (noStore, noCache, mustRevalidate, maxAge);
        return true;
    }

    private async ValueTask<(TokenFailure Failure, DateTimeOffset ExpiresAt)> CheckAsync(HttpRequest request, string path, TimeTokenOptions options, CancellationToken cancellationToken)
    {
        var (found, value) = FindToken(request.QueryString.Value, options.ParameterName);
        if (found != TokenFailure.None)
        {
            return (found, default);
        }

        if (!TokenText.TryParse(value, out var token))
        {
            return (TokenFailure.Malformed, default);
        }

        if (!TokenSigner.TryCheckKeyAndExpiry(_keyRing.GetKeyRing(), token, _timeProvider.GetUtcNow(), options, out var key, out var timing))
        {
            return (timing, default);
        }

        string? version;
        try
        {
            version = await _versions.GetVersionAsync(path, cancellationToken);
        }
        catch (MediaStoreUnavailableException)
        {
            return (TokenFailure.StoreUnavailable, default);
        }

        if (version is null)
        {
            return (TokenFailure.NoFile, default);
        }

        return TokenSigner.VerifyMac(TokenPurpose.Media, key, path, version, token)
            ? (TokenFailure.None, token.ExpiresAt)
            : (TokenFailure.BadSignature, default);
    }

    /// <summary>
    /// Reads the token from the raw query string: exactly one parameter with exactly the configured name, and no
    /// other case variant or <c>name[]</c> form of it. Internal for tests.
    /// </summary>
    internal static (TokenFailure Failure, string? Value) FindToken(string? rawQuery, string name)
    {
        if (string.IsNullOrEmpty(rawQuery))
        {
            return (TokenFailure.Missing, null);
        }

        var query = rawQuery.AsSpan();
        if (query[0] == '?')
        {
            query = query[1..];
        }

        string? value = null;
        var count = 0;
        foreach (var range in query.Split('&'))
        {
            var part = query[range];
            if (part.IsEmpty)
            {
                continue;
            }

            switch (MediaUrl.Classify(part, name))
            {
                case MediaUrl.ParameterMatch.Variant:
                    return (TokenFailure.Ambiguous, null);
                case MediaUrl.ParameterMatch.Exact:
                    if (++count > 1)
                    {
                        return (TokenFailure.Ambiguous, null);
                    }

                    var equals = part.IndexOf('=');
                    var raw = equals < 0 ? ReadOnlySpan<char>.Empty : part[(equals + 1)..];
                    value = raw.IsEmpty ? string.Empty
                        : raw.ContainsAny('%', '+') ? MediaUrl.DecodeQueryComponent(raw.ToString())
                        : raw.ToString();
                    break;
            }
        }

        return count == 0 ? (TokenFailure.Missing, null)
            : string.IsNullOrEmpty(value) ? (TokenFailure.Malformed, null)
            : (TokenFailure.None, value);
    }

    private Task RefuseAsync(HttpContext context, TimeTokenOptions options, TokenFailure failure)
    {
        Log.MediaRequestRefused(_logger, failure);
        var response = context.Response;
        response.StatusCode = options.FailureStatusCode;
        response.Headers.CacheControl = "no-store";
        response.ContentLength = 0;
        return Task.CompletedTask;
    }

    private sealed record FormattedMaxAge(long Seconds, string Value);
}
