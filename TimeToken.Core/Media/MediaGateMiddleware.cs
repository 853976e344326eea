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
/// (public, protected or refused) carries <c>X-Content-Type-Options: nosniff</c>. An accepted request continues
/// without its token parameter.
/// </summary>
internal sealed class MediaGateMiddleware
{
    private readonly RequestDelegate _next;
    private readonly PathString _prefix;
    private readonly IMediaFileVersionProvider _versions;
    private readonly IOptionsMonitor<TimeTokenOptions> _options;
    private readonly IKeyRingProvider _keyRing;
    private readonly TimeProvider _timeProvider;
    private readonly MediaGrantCache _grants;
    private readonly ILogger _logger;
    private readonly KeyRingReloader? _reloader;

    public MediaGateMiddleware(
        RequestDelegate next,
        PathString prefix,
        IMediaFileVersionProvider versions,
        IOptionsMonitor<TimeTokenOptions> options,
        IKeyRingProvider keyRing,
        TimeProvider timeProvider,
        MediaGrantCache grants,
        ILogger<MediaGateMiddleware> logger,
        KeyRingReloader? reloader = null)
    {
        ArgumentNullException.ThrowIfNull(next);
        _reloader = reloader;
        _next = next;
        _prefix = prefix;
        _versions = versions;
        _options = options;
        _keyRing = keyRing;
        _timeProvider = timeProvider;
        _grants = grants;
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

        var (failure, expiresAt, grant) = await CheckAsync(request, path, options, context.RequestAborted);
        if (failure != TokenFailure.None)
        {
            await RefuseAsync(context, options, failure);
            return;
        }

        context.Response.OnStarting(static state =>
        {
            var (httpContext, expiry, timeProvider, grant) = ((HttpContext, DateTimeOffset, TimeProvider, MediaGrantGate.ServedGrant?))state;
            SetProtectedHeaders(httpContext.Response, expiry, timeProvider.GetUtcNow());
            if (grant is not null)
            {
                MediaGrantGate.SetGrantHeaders(httpContext.Response, grant);
            }

            return Task.CompletedTask;
        }, (context, expiresAt, _timeProvider, grant));

        // Accepted: nothing after the gate sees the token (a middleware that logs the URL would write it down).
        request.QueryString = QueryStringParameter.Remove(request.QueryString, options.ParameterName);
        await _next(context);
    }

    /// <summary>
    /// Rewrites the caching headers of a protected response: <c>private</c>, a <c>max-age</c> no longer than the
    /// token's remaining life (nor than one set downstream), and the downstream <c>no-store</c>, <c>no-cache</c> and
    /// <c>must-revalidate</c> kept. Internal for tests.
    /// </summary>
    internal static void SetProtectedHeaders(HttpResponse response, DateTimeOffset expiresAt, DateTimeOffset now)
    {
        var remaining = Math.Max(0, (long)Math.Floor((expiresAt - now).TotalSeconds));

        // Null when the response has no Cache-Control (StaticFiles' default) or one that does not parse.
        var existing = response.GetTypedHeaders().CacheControl;
        if (existing?.MaxAge is { } maxAge)
        {
            remaining = Math.Min(remaining, Math.Max(0, (long)maxAge.TotalSeconds));
        }

        var headers = response.Headers;
        headers.CacheControl = existing?.NoStore == true
            ? "private, no-store"
            : string.Create(CultureInfo.InvariantCulture, $"private, max-age={remaining}{(existing?.NoCache == true ? ", no-cache" : string.Empty)}{(existing?.MustRevalidate == true ? ", must-revalidate" : string.Empty)}");
        headers.Remove(HeaderNames.Expires);
        headers["Referrer-Policy"] = "no-referrer";
    }

    private async ValueTask<(TokenFailure Failure, DateTimeOffset ExpiresAt, MediaGrantGate.ServedGrant? Grant)> CheckAsync(HttpRequest request, string path, TimeTokenOptions options, CancellationToken cancellationToken)
    {
        var (found, value) = MediaUrl.FindToken(request.QueryString.Value, options.ParameterName);
        if (found != TokenFailure.None)
        {
            return (found, default, null);
        }

        if (!TokenVerifier.TryCheckBeforeMac(value, _keyRing.GetKeyRing(), _timeProvider.GetUtcNow(), options, out var token, out var key, out var failure))
        {
            // A key another node of a farm has just made: read the stored ring again, once, before refusing.
            if (failure != TokenFailure.UnknownKey || _reloader is null
                || !TokenVerifier.TryCheckBeforeMac(value, await _reloader.ReloadAsync(), _timeProvider.GetUtcNow(), options, out token, out key, out failure))
            {
                return (failure, default, null);
            }
        }

        try
        {
            var version = await _versions.GetVersionAsync(path, cancellationToken);
            failure = TokenVerifier.CheckMedia(key, path, version, token);

            // This node's cached version may be behind the one the link was made with: ask the store once more.
            if (failure is TokenFailure.BadSignature or TokenFailure.NoFile or TokenFailure.ChangedSinceIssued)
            {
                var current = await _versions.RefreshAsync(path, cancellationToken);
                if (current != version)
                {
                    failure = TokenVerifier.CheckMedia(key, path, current, token);
                }
            }
        }
        catch (MediaStoreUnavailableException)
        {
            return (TokenFailure.StoreUnavailable, default, null);
        }

        // Only a share link whose MAC is valid costs a grant look-up; an ordinary link never does.
        if (failure != TokenFailure.None || !token.HasGrant)
        {
            return (failure, failure == TokenFailure.None ? token.ExpiresAt : default, null);
        }

        var (grantFailure, grant) = await MediaGrantGate.CheckAsync(_grants, token.GrantId.ToString(), path, _timeProvider.GetUtcNow(), _logger, cancellationToken);
        return (grantFailure, grantFailure == TokenFailure.None ? token.ExpiresAt : default, grant);
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
}
