using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TimeToken.Core.Signing;

namespace TimeToken.Core.Uploads;

/// <summary>Creates slots: a random id, a record in the store, and a URL signed with purpose <c>upload-v1</c>.</summary>
internal sealed class UploadSlotService : IUploadSlotService
{
    private readonly IOptionsMonitor<TimeTokenOptions> _options;
    private readonly IKeyRingProvider _keyRingProvider;
    private readonly IUploadSlotStore _store;
    private readonly TimeProvider _timeProvider;
    private readonly UploadSlotHandlerRegistry _handlers;
    private readonly ILogger _logger;

    public UploadSlotService(
        IOptionsMonitor<TimeTokenOptions> options,
        IKeyRingProvider keyRingProvider,
        IUploadSlotStore store,
        TimeProvider timeProvider,
        UploadSlotHandlerRegistry handlers,
        ILogger<UploadSlotService> logger)
    {
        _options = options;
        _keyRingProvider = keyRingProvider;
        _store = store;
        _timeProvider = timeProvider;
        _handlers = handlers;
        _logger = logger;
    }

    public async Task<UploadSlot> CreateAsync(string handlerName, JsonElement? arguments = null, UploadSlotOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(handlerName);
        if (!_handlers.Contains(handlerName))
        {
            throw new ArgumentException($"No upload slot handler is registered under the name '{handlerName}'.", nameof(handlerName));
        }

        var argumentsJson = arguments is { ValueKind: not JsonValueKind.Undefined } value ? value.GetRawText() : "null";
        if (Encoding.UTF8.GetByteCount(argumentsJson) > UploadSlotRecord.MaxArgumentsBytes)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"Upload slot arguments are limited to {UploadSlotRecord.MaxArgumentsBytes} bytes of JSON."),
                nameof(arguments));
        }

        var global = _options.CurrentValue;
        var limits = global.Uploads;

        if (options?.Lifetime is { } asked && asked <= TimeSpan.Zero)
        {
            throw new ArgumentException("The lifetime of an upload slot must be positive.", nameof(options));
        }

        var maxBytes = limits.MaxBytes;
        if (options?.MaxBytes is { } askedBytes)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(askedBytes, "options.MaxBytes");
            maxBytes = Math.Min(askedBytes, maxBytes);
        }

        var maxFiles = 1;
        if (options?.MaxFiles is { } askedFiles)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(askedFiles, "options.MaxFiles");
            maxFiles = askedFiles;
        }

        maxFiles = Math.Min(maxFiles, limits.MaxFiles);
        var extensions = ResolveExtensions(limits.AllowedExtensions, options?.AllowedExtensions);

        var now = _timeProvider.GetUtcNow();
        var expiresAtSeconds = LinkLifetime.ComputeExpiry(now, options?.Lifetime, global, roundForCache: false);
        var expiresAt = DateTimeOffset.FromUnixTimeSeconds(expiresAtSeconds);

        var slotId = UploadSlotToken.NewSlotId();
        var record = new UploadSlotRecord(slotId, handlerName, argumentsJson, expiresAt, maxBytes, extensions, maxFiles);
        await _store.SaveAsync(record, expiresAt - now, cancellationToken).ConfigureAwait(false);

        var token = UploadSlotToken.Sign(_keyRingProvider.GetKeyRing().Active, slotId, expiresAtSeconds);
        Log.UploadSlotCreated(_logger, handlerName, expiresAt);
        return new UploadSlot($"/{global.UploadNamespace}/{slotId}/{token}", expiresAt, maxBytes, extensions, maxFiles);
    }

    private static string[] ResolveExtensions(string globalList, IReadOnlyCollection<string>? options)
    {
        if (!TimeTokenOptionsValidator.TryParseExtensions(globalList, out var global))
        {
            throw new InvalidOperationException("TimeToken:Uploads:AllowedExtensions is malformed.");
        }

        if (options is null || options.Count == 0)
        {
            return [.. global.Order(StringComparer.Ordinal)];
        }

        var result = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var entry in options)
        {
            if (entry is null || entry.Contains(',', StringComparison.Ordinal)
                || !TimeTokenOptionsValidator.TryParseExtensions(entry, out var one) || one.Count != 1)
            {
                throw new ArgumentException($"'{entry}' is not an extension such as '.pdf'.", nameof(options));
            }

            var extension = one.First();
            if (global.Count == 0 || global.Contains(extension))
            {
                result.Add(extension);
            }
        }

        if (result.Count == 0)
        {
            throw new ArgumentException("None of the requested extensions is allowed by TimeToken:Uploads:AllowedExtensions.", nameof(options));
        }

        return [.. result];
    }
}
