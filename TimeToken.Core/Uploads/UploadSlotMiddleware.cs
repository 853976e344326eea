using System.Buffers;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
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

    /// <summary>Temporary files older than this are left-overs of a crash; no upload request lasts that long.</summary>
    internal static readonly TimeSpan StaleTempFileAge = TimeSpan.FromHours(6);

    private const int MaxNonFileSections = 32;
    private const int MaxFieldBytes = 64 * 1024;
    private const string RawFileNameHeader = "X-File-Name";
    private const string RawFileNameQuery = "filename";

    private const string FailureBody = "Upload slot not found.";
    private const string ConflictBody = "This upload slot is already in use or was used.";
    private const string TooLargeBody = "The upload is too large.";
    private const string UnsupportedBody = "This file type is not allowed.";
    private const string BadRequestBody = "The upload is malformed.";
    private const string TooManyFilesBody = "The upload carries too many files.";
    private const string NoFileBody = "The upload carries no file.";
    private const string MethodBody = "Only POST is allowed.";
    private const string UnavailableBody = "The upload service is temporarily unavailable; try again later.";
    private const string ErrorBody = "The upload could not be processed.";

    private readonly RequestDelegate _next;
    private readonly IOptionsMonitor<TimeTokenOptions> _options;
    private readonly UploadTempDirectory _tempDirectory;
    private readonly IKeyRingProvider _keyRingProvider;
    private readonly IUploadSlotStore _store;
    private readonly TimeProvider _timeProvider;
    private readonly Dictionary<string, Type> _handlerTypes;
    private readonly ILogger _logger;

    public UploadSlotMiddleware(
        RequestDelegate next,
        IOptionsMonitor<TimeTokenOptions> options,
        UploadTempDirectory tempDirectory,
        IKeyRingProvider keyRingProvider,
        IUploadSlotStore store,
        TimeProvider timeProvider,
        IEnumerable<UploadSlotHandlerRegistration> handlers,
        ILogger<UploadSlotMiddleware> logger)
    {
        _handlerTypes = handlers.ToDictionary(h => h.Name, h => h.HandlerType, StringComparer.Ordinal);
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
        var corsOrigin = AllowedOrigin(context.Request, options);
        if (corsOrigin is not null)
        {
            response.Headers.AccessControlAllowOrigin = corsOrigin;
            response.Headers.Vary = HeaderNames.Origin;
        }

        if (HttpMethods.IsOptions(context.Request.Method))
        {
            response.StatusCode = StatusCodes.Status204NoContent;
            response.Headers.Allow = "OPTIONS, POST";
            if (corsOrigin is not null && context.Request.Headers.AccessControlRequestMethod.Count > 0)
            {
                response.Headers.AccessControlAllowMethods = "POST";
                response.Headers.AccessControlAllowHeaders = "Content-Type, X-File-Name";
                response.Headers.AccessControlMaxAge = "600";
            }

            return Task.CompletedTask;
        }

        if (!HttpMethods.IsPost(context.Request.Method))
        {
            response.Headers.Allow = "OPTIONS, POST";
            return RefuseAsync(context, StatusCodes.Status405MethodNotAllowed, UploadRefusal.MethodNotAllowed, MethodBody);
        }

        return PostAsync(context, options, rest.Value);
    }

    private static string? AllowedOrigin(HttpRequest request, TimeTokenOptions options)
    {
        var origins = options.Uploads.CorsOrigins;
        if (origins is null || origins.Count == 0 || request.Headers.Origin.Count != 1)
        {
            return null;
        }

        var origin = request.Headers.Origin.ToString();
        foreach (var allowed in origins)
        {
            if (string.Equals(allowed, origin, StringComparison.OrdinalIgnoreCase))
            {
                return origin;
            }
        }

        return null;
    }

    private static UploadRefusal ToRefusal(TokenFailure failure) => failure switch
    {
        TokenFailure.UnknownKey => UploadRefusal.UnknownKey,
        TokenFailure.Expired => UploadRefusal.Expired,
        TokenFailure.TooFarAhead => UploadRefusal.TooFarAhead,
        TokenFailure.BadSignature => UploadRefusal.BadSignature,
        _ => UploadRefusal.MalformedToken,
    };

    private async Task PostAsync(HttpContext context, TimeTokenOptions options, string? rest)
    {
        if (!UploadSlotToken.TryParsePath(rest, out var slotId, out var tokenText))
        {
            await RefuseAsync(context, options.FailureStatusCode, UploadRefusal.BadPath, FailureBody).ConfigureAwait(false);
            return;
        }

        var failure = UploadSlotToken.Verify(slotId, tokenText, _keyRingProvider.GetKeyRing(), options, _timeProvider.GetUtcNow());
        if (failure != TokenFailure.None)
        {
            await RefuseAsync(context, options.FailureStatusCode, ToRefusal(failure), FailureBody).ConfigureAwait(false);
            return;
        }

        if (context.Request.ContentLength > options.Uploads.MaxBytes + EnvelopeAllowance)
        {
            await RefuseAsync(context, StatusCodes.Status413PayloadTooLarge, UploadRefusal.TooLarge, TooLargeBody).ConfigureAwait(false);
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
            await RefuseAsync(context, StatusCodes.Status503ServiceUnavailable, UploadRefusal.StoreUnavailable, UnavailableBody).ConfigureAwait(false);
            return;
        }

        switch (claim.Status)
        {
            case UploadSlotClaimStatus.NotFound:
                await RefuseAsync(context, options.FailureStatusCode, UploadRefusal.UnknownSlot, FailureBody).ConfigureAwait(false);
                return;
            case UploadSlotClaimStatus.AlreadyUsedOrInUse:
                await RefuseAsync(context, StatusCodes.Status409Conflict, UploadRefusal.InUseOrUsed, ConflictBody).ConfigureAwait(false);
                return;
        }

        await ProcessClaimedAsync(context, claim.Record!, claim.ClaimId!, options.Uploads.MaxFailedAttempts).ConfigureAwait(false);
    }

    private async Task ProcessClaimedAsync(HttpContext context, UploadSlotRecord record, string claimId, int maxFailedAttempts)
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
                    else if (!await _store.ReleaseAfterFailureAsync(record.SlotId, claimId, maxFailedAttempts, CancellationToken.None).ConfigureAwait(false))
                    {
                        Log.UploadSlotSpent(_logger, maxFailedAttempts);
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

        if (outcome.Refusal is { } refusal)
        {
            await RefuseAsync(context, outcome.StatusCode, refusal, outcome.Body!).ConfigureAwait(false);
        }
        else
        {
            await WriteTextAsync(context, outcome.StatusCode, outcome.Body!).ConfigureAwait(false);
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

            var receiver = new Receiver(record, files, tempFiles, _tempDirectory.Path);
            var request = context.Request;
            if (MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType)
                && mediaType.MediaType.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase))
            {
                if (!mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
                {
                    return Outcome.Refused(StatusCodes.Status400BadRequest, UploadRefusal.MalformedBody, BadRequestBody);
                }

                await receiver.ReadMultipartAsync(request, mediaType, aborted).ConfigureAwait(false);
            }
            else
            {
                if (request.ContentLength > record.MaxBytes)
                {
                    return Outcome.Refused(StatusCodes.Status413PayloadTooLarge, UploadRefusal.TooLarge, TooLargeBody);
                }

                await receiver.ReadRawAsync(request, aborted).ConfigureAwait(false);
            }

            if (files.Count == 0)
            {
                return Outcome.Refused(StatusCodes.Status400BadRequest, UploadRefusal.NoFile, NoFileBody);
            }
        }
        catch (RefusedException ex)
        {
            return Outcome.Refused(ex.StatusCode, ex.Refusal, ex.Message);
        }
        catch (Exception) when (aborted.IsCancellationRequested)
        {
            return Outcome.ClientAborted;
        }
        catch (BadHttpRequestException ex)
        {
            return ex.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? Outcome.Refused(StatusCodes.Status413PayloadTooLarge, UploadRefusal.TooLarge, TooLargeBody)
                : Outcome.Refused(StatusCodes.Status400BadRequest, UploadRefusal.MalformedBody, BadRequestBody);
        }
        catch (InvalidDataException)
        {
            return Outcome.Refused(StatusCodes.Status400BadRequest, UploadRefusal.MalformedBody, BadRequestBody);
        }
        catch (Microsoft.AspNetCore.Connections.ConnectionResetException)
        {
            // A reset connection may surface before RequestAborted is signalled.
            return Outcome.ClientAborted;
        }
        catch (Exception ex)
        {
            Log.UploadReceiveFailed(_logger, ex);
            return Outcome.Error(ErrorBody);
        }

        try
        {
            if (!_handlerTypes.TryGetValue(record.HandlerName, out var handlerType))
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
            return Outcome.Refused(ex.StatusCode, UploadRefusal.RefusedByHandler, ex.Message);
        }
        catch (Exception) when (aborted.IsCancellationRequested)
        {
            return Outcome.ClientAborted;
        }
        catch (Exception ex)
        {
            Log.UploadHandlerFailed(_logger, record.HandlerName, ex);
            return Outcome.Error(ErrorBody);
        }
    }

    private async Task RefuseAsync(HttpContext context, int statusCode, UploadRefusal reason, string body)
    {
        Log.UploadRefused(_logger, statusCode, reason);
        await WriteTextAsync(context, statusCode, body).ConfigureAwait(false);
    }

    private static async Task WriteTextAsync(HttpContext context, int statusCode, string body)
    {
        if (context.Response.HasStarted)
        {
            return;
        }

        context.Response.StatusCode = statusCode;
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync(body, CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>Checks and sanitises a client file name to its last path segment (see <see cref="UploadFolderPath.TrySanitizeFileName"/>).</summary>
    internal static bool TrySanitizeFileName(string? raw, out string name) => UploadFolderPath.TrySanitizeFileName(raw, out name);

    private readonly struct Outcome
    {
        private Outcome(int statusCode, UploadRefusal? refusal, string? body, byte[] json, bool aborted)
        {
            StatusCode = statusCode;
            Refusal = refusal;
            Body = body;
            Json = json;
            Aborted = aborted;
        }

        public static Outcome ClientAborted => new(0, null, null, [], true);

        public int StatusCode { get; }

        public UploadRefusal? Refusal { get; }

        public string? Body { get; }

        public byte[] Json { get; }

        public bool Aborted { get; }

        public static Outcome Created(byte[] json) => new(StatusCodes.Status201Created, null, null, json, false);

        public static Outcome Refused(int statusCode, UploadRefusal refusal, string body) => new(statusCode, refusal, body, [], false);

        public static Outcome Error(string body) => new(StatusCodes.Status500InternalServerError, null, body, [], false);
    }

    private sealed class RefusedException : Exception
    {
        public RefusedException(int statusCode, UploadRefusal refusal, string body)
            : base(body)
        {
            StatusCode = statusCode;
            Refusal = refusal;
        }

        public int StatusCode { get; }

        public UploadRefusal Refusal { get; }
    }

    /// <summary>Streams file bodies into temporary files while it counts bytes and files.</summary>
    private sealed class Receiver
    {
        private readonly UploadSlotRecord _record;
        private readonly List<UploadedFile> _files;
        private readonly List<(FileStream Stream, string Path)> _tempFiles;
        private readonly string _tempDirectory;
        private long _totalBytes;

        public Receiver(UploadSlotRecord record, List<UploadedFile> files, List<(FileStream Stream, string Path)> tempFiles, string tempDirectory)
        {
            _record = record;
            _files = files;
            _tempFiles = tempFiles;
            _tempDirectory = tempDirectory;
        }

        public async Task ReadRawAsync(HttpRequest request, CancellationToken cancellationToken)
        {
            string? rawName;
            var header = request.Headers[RawFileNameHeader];
            var query = request.Query[RawFileNameQuery];
            if (header.Count > 1 || query.Count > 1 || (header.Count == 0 && query.Count == 0))
            {
                throw new RefusedException(StatusCodes.Status400BadRequest, UploadRefusal.BadFileName, BadRequestBody);
            }

            if (header.Count == 1)
            {
                try
                {
                    rawName = Uri.UnescapeDataString(header.ToString());
                }
                catch (UriFormatException)
                {
                    rawName = null;
                }
            }
            else
            {
                rawName = query.ToString();
            }

            var contentType = string.IsNullOrEmpty(request.ContentType) || request.ContentType.Length > 256
                ? "application/octet-stream"
                : request.ContentType;
            await ReceiveFileAsync(rawName, contentType, null, request.Body, cancellationToken).ConfigureAwait(false);
        }

        public async Task ReadMultipartAsync(HttpRequest request, MediaTypeHeaderValue mediaType, CancellationToken cancellationToken)
        {
            var boundary = HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value;
            if (string.IsNullOrWhiteSpace(boundary) || boundary.Length > 70)
            {
                throw new RefusedException(StatusCodes.Status400BadRequest, UploadRefusal.MalformedBody, BadRequestBody);
            }

            var reader = new MultipartReader(boundary, request.Body);
            var otherSections = 0;
            var fieldBytes = 0L;
            while (await ReadAsync(() => reader.ReadNextSectionAsync(cancellationToken), cancellationToken).ConfigureAwait(false) is { } section)
            {
                if (ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                    && disposition.IsFileDisposition())
                {
                    var rawName = disposition.FileNameStar.HasValue
                        ? disposition.FileNameStar.Value
                        : HeaderUtilities.RemoveQuotes(disposition.FileName).Value;
                    var contentType = string.IsNullOrEmpty(section.ContentType) || section.ContentType.Length > 256
                        ? "application/octet-stream"
                        : section.ContentType;
                    var fieldName = HeaderUtilities.RemoveQuotes(disposition.Name).Value;
                    await ReceiveFileAsync(rawName, contentType, fieldName, section.Body, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                // Ordinary form fields are allowed and ignored, within small limits.
                if (++otherSections > MaxNonFileSections)
                {
                    throw new RefusedException(StatusCodes.Status400BadRequest, UploadRefusal.MalformedBody, BadRequestBody);
                }

                fieldBytes += await DrainAsync(section.Body, MaxFieldBytes - fieldBytes, cancellationToken).ConfigureAwait(false);
            }
        }

        /// <summary>
        /// Reads from the body; a truncated or malformed body (an <see cref="IOException"/> that is not a reset
        /// connection) becomes a 400 refusal, so disk errors of our own temporary files stay apart.
        /// </summary>
        private static async Task<T> ReadAsync<T>(Func<Task<T>> read, CancellationToken cancellationToken)
        {
            try
            {
                return await read().ConfigureAwait(false);
            }
            catch (IOException ex) when (ex is not Microsoft.AspNetCore.Connections.ConnectionResetException && !cancellationToken.IsCancellationRequested)
            {
                throw new RefusedException(StatusCodes.Status400BadRequest, UploadRefusal.MalformedBody, BadRequestBody);
            }
        }

        private static async Task<long> DrainAsync(Stream body, long budget, CancellationToken cancellationToken)
        {
            var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
            try
            {
                long total = 0;
                int read;
                while ((read = await ReadAsync(() => body.ReadAsync(buffer, cancellationToken).AsTask(), cancellationToken).ConfigureAwait(false)) > 0)
                {
                    total += read;
                    if (total > budget)
                    {
                        throw new RefusedException(StatusCodes.Status400BadRequest, UploadRefusal.MalformedBody, BadRequestBody);
                    }
                }

                return total;
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }

        private async Task ReceiveFileAsync(string? rawName, string contentType, string? fieldName, Stream body, CancellationToken cancellationToken)
        {
            if (_files.Count >= _record.MaxFiles)
            {
                throw new RefusedException(StatusCodes.Status400BadRequest, UploadRefusal.TooManyFiles, TooManyFilesBody);
            }

            if (!TrySanitizeFileName(rawName, out var fileName))
            {
                throw new RefusedException(StatusCodes.Status400BadRequest, UploadRefusal.BadFileName, BadRequestBody);
            }

            var extension = Path.GetExtension(fileName).ToLowerInvariant();
            if (_record.AllowedExtensions.Count > 0 && !_record.AllowedExtensions.Contains(extension, StringComparer.Ordinal))
            {
                throw new RefusedException(StatusCodes.Status415UnsupportedMediaType, UploadRefusal.ExtensionNotAllowed, UnsupportedBody);
            }

            // A new file (never an existing name, so never a link planted there), private to the owner, kept open: the
            // handler reads these bytes through this handle, never by opening the path again.
            var tempPath = Path.Combine(_tempDirectory, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)) + ".upload");
            var fileOptions = new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.ReadWrite,
                Share = FileShare.None,
                BufferSize = 0,
                Options = FileOptions.Asynchronous,
            };
            if (!OperatingSystem.IsWindows())
            {
                fileOptions.UnixCreateMode = UploadTempDirectory.TempFileMode;
            }

            var target = new FileStream(tempPath, fileOptions);
            _tempFiles.Add((target, tempPath));
            long length = 0;
            var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
            try
            {
                int read;
                while ((read = await ReadAsync(() => body.ReadAsync(buffer, cancellationToken).AsTask(), cancellationToken).ConfigureAwait(false)) > 0)
                {
                    length += read;
                    _totalBytes += read;
                    if (_totalBytes > _record.MaxBytes)
                    {
                        throw new RefusedException(StatusCodes.Status413PayloadTooLarge, UploadRefusal.TooLarge, TooLargeBody);
                    }

                    await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }

            _files.Add(new UploadedFile(fileName, contentType, fieldName, length, target.SafeFileHandle));
        }
    }
}
