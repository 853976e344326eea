using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using TimeToken.Core.Signing;

namespace TimeToken.Core.Uploads;

/// <summary>
/// Answers every request under <c>/{UploadNamespace}/</c> (below the current path base): OPTIONS preflight for
/// configured origins, and POST uploads. Everything else passes through untouched.
/// </summary>
/// <remarks>
/// Order of work for a POST: parse the path with strict lengths, verify the token (no body read yet), refuse a
/// declared <c>Content-Length</c> that already exceeds the limit, claim the slot atomically, then stream the body
/// into temporary files while counting bytes, run the handler, and mark the slot used. Any failure before the
/// handler succeeds (a limit included) releases the claim, so the slot may be retried until it expires; a failure
/// on the server's side (answer 500) counts, and after <see cref="UploadLimitsOptions.MaxFailedAttempts"/> of them
/// the slot is spent. Temporary files are deleted before the answer is written, whatever happened.
/// </remarks>
internal sealed class UploadSlotMiddleware
{
    /// <summary>Room for multipart boundaries and part headers on top of the file bytes.</summary>
    internal const long EnvelopeAllowance = 1024 * 1024;

    private readonly RequestDelegate _next;
    private readonly IOptionsMonitor<TimeTokenOptions> _options;
    private readonly UploadTempDirectory _tempDirectory;
    private readonly IKeyRingProvider _keyRingProvider;
    private readonly IUploadSlotStore _store;
    private readonly TimeProvider _timeProvider;
    private readonly UploadSlotHandlerRegistry _handlers;
    private readonly ILogger _logger;
    private readonly KeyRingReloader? _reloader;

    public UploadSlotMiddleware(
        RequestDelegate next,
        IOptionsMonitor<TimeTokenOptions> options,
        UploadTempDirectory tempDirectory,
        IKeyRingProvider keyRingProvider,
        IUploadSlotStore store,
        TimeProvider timeProvider,
        UploadSlotHandlerRegistry handlers,
        ILogger<UploadSlotMiddleware> logger,
        KeyRingReloader? reloader = null)
    {
        _reloader = reloader;
        _handlers = handlers;
        _next = next;
        _options = options;
        _tempDirectory = tempDirectory;
        _keyRingProvider = keyRingProvider;
        _store = store;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    public Task InvokeAsync(HttpContext context)
    {
        var options = _options.CurrentValue;
        if (!context.Request.Path.StartsWithSegments("/" + options.UploadNamespace, out var rest))
        {
            return _next(context);
        }

        var response = context.Response;
        response.Headers.CacheControl = "no-store";
        response.Headers.XContentTypeOptions = "nosniff";
        var corsOrigin = UploadCors.Apply(context, options);
        if (HttpMethods.IsOptions(context.Request.Method))
        {
            UploadCors.AnswerPreflight(context, corsOrigin);
            return Task.CompletedTask;
        }

        if (!HttpMethods.IsPost(context.Request.Method))
        {
            response.Headers.Allow = "OPTIONS, POST";
            return RefuseAsync(context, options, UploadRefusal.MethodNotAllowed);
        }

        return PostAsync(context, options, rest.Value);
    }

    private async Task PostAsync(HttpContext context, TimeTokenOptions options, string? rest)
    {
        if (!UploadSlotToken.TryParsePath(rest, out var slotId, out var tokenText))
        {
            await RefuseAsync(context, options, UploadRefusal.BadPath).ConfigureAwait(false);
            return;
        }

        var failure = UploadSlotToken.Verify(slotId, tokenText, _keyRingProvider.GetKeyRing(), options, _timeProvider.GetUtcNow());
        if (failure == TokenFailure.UnknownKey && _reloader is not null)
        {
            // A key another node of a farm has just made: read the stored ring again, once, before refusing.
            failure = UploadSlotToken.Verify(slotId, tokenText, await _reloader.ReloadAsync().ConfigureAwait(false), options, _timeProvider.GetUtcNow());
        }
        if (failure != TokenFailure.None)
        {
            Log.UploadTokenRefused(_logger, options.FailureStatusCode, failure);
            await UploadAnswers.WriteAsync(context, options.FailureStatusCode, UploadAnswers.NotFoundBody).ConfigureAwait(false);
            return;
        }

        if (context.Request.ContentLength > options.Uploads.MaxBytes + EnvelopeAllowance)
        {
            await RefuseAsync(context, options, UploadRefusal.TooLarge).ConfigureAwait(false);
            return;
        }

        UploadSlotClaim claim;
        try
        {
            claim = await _store.TryClaimAsync(slotId, context.RequestAborted).ConfigureAwait(false);
        }
        catch (UploadSlotStoreUnavailableException ex)
        {
            Log.UploadSlotStoreUnavailable(_logger, ex.InnerException?.GetType().Name ?? ex.GetType().Name);
            await RefuseAsync(context, options, UploadRefusal.StoreUnavailable).ConfigureAwait(false);
            return;
        }

        switch (claim.Status)
        {
            case UploadSlotClaimStatus.NotFound:
                await RefuseAsync(context, options, UploadRefusal.UnknownSlot).ConfigureAwait(false);
                return;
            case UploadSlotClaimStatus.AlreadyUsedOrInUse:
                await RefuseAsync(context, options, UploadRefusal.InUseOrUsed).ConfigureAwait(false);
                return;
        }

        await ProcessClaimedAsync(context, claim.Record!, claim.ClaimId!, options).ConfigureAwait(false);
    }

    private async Task ProcessClaimedAsync(HttpContext context, UploadSlotRecord record, string claimId, TimeTokenOptions options)
    {
        var aborted = context.RequestAborted;
        var files = new List<UploadedFile>();
        var tempFiles = new List<(FileStream Stream, string Path)>();
        var completed = false;
        var failed = false;
        Outcome outcome;
        try
        {
            outcome = await ReceiveAndHandleAsync(context, record, files, tempFiles, aborted).ConfigureAwait(false);
            failed = outcome.StatusCode == StatusCodes.Status500InternalServerError;
            if (outcome.StatusCode == StatusCodes.Status201Created)
            {
                try
                {
                    await _store.CompleteAsync(record.SlotId, claimId, CancellationToken.None).ConfigureAwait(false);
                }
                catch (UploadSlotStoreUnavailableException)
                {
                    // The handler ran: the slot stays claimed until it expires, so it is never used twice.
                    Log.UploadSlotStateNotSaved(_logger, "marked as used");
                }

                completed = true;
            }
        }
        finally
        {
            foreach (var (stream, path) in tempFiles)
            {
                try
                {
                    await stream.DisposeAsync().ConfigureAwait(false);
                    File.Delete(path);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    Log.UploadTempFileNotDeleted(_logger, ex);
                }
            }

            if (!completed)
            {
                try
                {
                    if (!failed)
                    {
                        await _store.ReleaseAsync(record.SlotId, claimId, CancellationToken.None).ConfigureAwait(false);
                    }
                    else if (!await _store.ReleaseAfterFailureAsync(record.SlotId, claimId, options.Uploads.MaxFailedAttempts, CancellationToken.None).ConfigureAwait(false))
                    {
                        Log.UploadSlotSpent(_logger, options.Uploads.MaxFailedAttempts);
                    }
                }
                catch (UploadSlotStoreUnavailableException)
                {
                    Log.UploadSlotStateNotSaved(_logger, "released");
                }
            }
        }

        if (outcome.Aborted)
        {
            Log.UploadAborted(_logger);
            context.Abort();
            return;
        }

        if (outcome.StatusCode == StatusCodes.Status201Created)
        {
            Log.UploadAccepted(_logger, record.HandlerName, files.Count, files.Sum(f => f.Length));
            context.Response.StatusCode = StatusCodes.Status201Created;
            context.Response.ContentType = "application/json; charset=utf-8";
            await context.Response.Body.WriteAsync(outcome.Json, CancellationToken.None).ConfigureAwait(false);
            return;
        }

        if (outcome.HandlerMessage is { } message)
        {
            Log.UploadRefused(_logger, outcome.StatusCode, UploadRefusal.RefusedByHandler);
            await UploadAnswers.WriteAsync(context, outcome.StatusCode, message).ConfigureAwait(false);
        }
        else if (outcome.Refusal is { } refusal)
        {
            await RefuseAsync(context, options, refusal).ConfigureAwait(false);
        }
        else
        {
            await UploadAnswers.WriteAsync(context, StatusCodes.Status500InternalServerError, UploadAnswers.ErrorBody).ConfigureAwait(false);
        }
    }

    private async Task<Outcome> ReceiveAndHandleAsync(HttpContext context, UploadSlotRecord record, List<UploadedFile> files, List<(FileStream Stream, string Path)> tempFiles, CancellationToken aborted)
    {
        try
        {
            var sizeFeature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
            if (sizeFeature is { IsReadOnly: false })
            {
                sizeFeature.MaxRequestBodySize = record.MaxBytes + EnvelopeAllowance;
            }

            var receiver = new UploadBodyReceiver(record, files, tempFiles, _tempDirectory.Path);
            var request = context.Request;
            if (MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType)
                && mediaType.MediaType.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase))
            {
                if (!mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
                {
                    return Outcome.Refused(UploadRefusal.MalformedBody);
                }

                if (await receiver.ReadMultipartAsync(request, mediaType, aborted).ConfigureAwait(false) is { } refusal)
                {
                    return Outcome.Refused(refusal);
                }
            }
            else
            {
                if (request.ContentLength > record.MaxBytes)
                {
                    return Outcome.Refused(UploadRefusal.TooLarge);
                }

                if (await receiver.ReadRawAsync(request, aborted).ConfigureAwait(false) is { } refusal)
                {
                    return Outcome.Refused(refusal);
                }
            }

            if (files.Count == 0)
            {
                return Outcome.Refused(UploadRefusal.NoFile);
            }
        }
        catch (Exception) when (aborted.IsCancellationRequested)
        {
            return Outcome.ClientAborted;
        }
        catch (BadHttpRequestException ex)
        {
            return ex.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? Outcome.Refused(UploadRefusal.TooLarge)
                : Outcome.Refused(UploadRefusal.MalformedBody);
        }
        catch (InvalidDataException)
        {
            return Outcome.Refused(UploadRefusal.MalformedBody);
        }
        catch (Microsoft.AspNetCore.Connections.ConnectionResetException)
        {
            // A reset connection may surface before RequestAborted is signalled.
            return Outcome.ClientAborted;
        }
        catch (Exception ex)
        {
            Log.UploadReceiveFailed(_logger, ex);
            return Outcome.Error;
        }

        try
        {
            if (!_handlers.TryGetHandlerType(record.HandlerName, out var handlerType))
            {
                throw new InvalidOperationException($"No upload slot handler is registered under the name '{record.HandlerName}'.");
            }

            var handler = (IUploadSlotHandler)context.RequestServices.GetRequiredService(handlerType);
            using var arguments = JsonDocument.Parse(record.ArgumentsJson);
            var slotContext = new UploadSlotContext(record.HandlerName, arguments.RootElement, files, record.ExpiresAt, context);
            var result = await handler.HandleAsync(slotContext, aborted).ConfigureAwait(false);
            var json = JsonSerializer.SerializeToUtf8Bytes(result, result?.GetType() ?? typeof(object), JsonSerializerOptions.Web);
            return Outcome.Created(json);
        }
        catch (UploadRefusedException ex)
        {
            return Outcome.RefusedByHandler(ex.StatusCode, ex.Message);
        }
        catch (Exception) when (aborted.IsCancellationRequested)
        {
            return Outcome.ClientAborted;
        }
        catch (Exception ex)
        {
            Log.UploadHandlerFailed(_logger, record.HandlerName, ex);
            return Outcome.Error;
        }
    }

    private Task RefuseAsync(HttpContext context, TimeTokenOptions options, UploadRefusal reason)
    {
        var (statusCode, body) = UploadAnswers.For(reason, options);
        Log.UploadRefused(_logger, statusCode, reason);
        return UploadAnswers.WriteAsync(context, statusCode, body);
    }

    private readonly struct Outcome
    {
        private Outcome(int statusCode, UploadRefusal? refusal, byte[] json, bool aborted, string? handlerMessage = null)
        {
            StatusCode = statusCode;
            Refusal = refusal;
            Json = json;
            Aborted = aborted;
            HandlerMessage = handlerMessage;
        }

        public static Outcome ClientAborted => new(0, null, [], true);

        public static Outcome Error => new(StatusCodes.Status500InternalServerError, null, [], false);

        /// <summary>The handler's own message, answered with its own status (see <see cref="UploadRefusedException"/>).</summary>
        public string? HandlerMessage { get; }

        public int StatusCode { get; }

        public UploadRefusal? Refusal { get; }

        public byte[] Json { get; }

        public bool Aborted { get; }

        public static Outcome Created(byte[] json) => new(StatusCodes.Status201Created, null, json, false);

        public static Outcome Refused(UploadRefusal refusal) => new(0, refusal, [], false);

        public static Outcome RefusedByHandler(int statusCode, string message) => new(statusCode, UploadRefusal.RefusedByHandler, [], false, message);
    }
}
