using System.Text.Json;
using System.Text.Json.Serialization;

namespace TimeToken.Core.Uploads;

/// <summary>What the server keeps about a slot: the handler, its arguments and the limits. Never sent to the client.</summary>
internal sealed class UploadSlotRecord
{
    /// <summary>The largest serialised <see cref="ArgumentsJson"/>, in UTF-8 bytes: 16 KB.</summary>
    public const int MaxArgumentsBytes = 16 * 1024;

    /// <summary>Creates a record.</summary>
    /// <param name="slotId">The random slot id.</param>
    /// <param name="handlerName">The registered handler name.</param>
    /// <param name="argumentsJson">The handler arguments as JSON text (<c>null</c> when none).</param>
    /// <param name="expiresAt">When the slot expires.</param>
    /// <param name="maxBytes">The largest accepted total file size.</param>
    /// <param name="allowedExtensions">Allowed extensions, lower case with their dot; empty for any.</param>
    /// <param name="maxFiles">The number of files one upload may carry.</param>
    [JsonConstructor]
    public UploadSlotRecord(string slotId, string handlerName, string argumentsJson, DateTimeOffset expiresAt, long maxBytes, IReadOnlyList<string> allowedExtensions, int maxFiles)
    {
        ArgumentException.ThrowIfNullOrEmpty(slotId);
        ArgumentException.ThrowIfNullOrEmpty(handlerName);
        ArgumentNullException.ThrowIfNull(argumentsJson);
        ArgumentNullException.ThrowIfNull(allowedExtensions);
        SlotId = slotId;
        HandlerName = handlerName;
        ArgumentsJson = argumentsJson;
        ExpiresAt = expiresAt;
        MaxBytes = maxBytes;
        AllowedExtensions = allowedExtensions;
        MaxFiles = maxFiles;
    }

    /// <summary>The random slot id (base64url of 128 bits).</summary>
    public string SlotId { get; }

    /// <summary>The registered handler name.</summary>
    public string HandlerName { get; }

    /// <summary>The handler arguments as JSON text; <c>null</c> when none were given.</summary>
    public string ArgumentsJson { get; }

    /// <summary>When the slot expires.</summary>
    public DateTimeOffset ExpiresAt { get; }

    /// <summary>The largest accepted total file size, in bytes.</summary>
    public long MaxBytes { get; }

    /// <summary>Allowed extensions, lower case with their dot; empty when every extension is allowed.</summary>
    public IReadOnlyList<string> AllowedExtensions { get; }

    /// <summary>The number of files one upload may carry.</summary>
    public int MaxFiles { get; }

    internal string ToJson() => JsonSerializer.Serialize(this, UploadJson.Default.UploadSlotRecord);

    internal static UploadSlotRecord FromJson(string json) =>
        JsonSerializer.Deserialize(json, UploadJson.Default.UploadSlotRecord) ?? throw new JsonException("Empty slot record.");
}

[JsonSerializable(typeof(UploadSlotRecord))]
internal sealed partial class UploadJson : JsonSerializerContext;
