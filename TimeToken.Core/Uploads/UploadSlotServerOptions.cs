namespace TimeToken.Core.Uploads;

/// <summary>
/// Host-level settings of the upload endpoint that are not site settings: where bodies are staged and how Redis keys
/// are named. Configure them with <see cref="UploadSlotServiceCollectionExtensions.AddTimeTokenUploadSlots"/>.
/// </summary>
public sealed class UploadSlotServerOptions
{
    /// <summary>The default <see cref="RedisKeyPrefix"/>.</summary>
    public const string DefaultRedisKeyPrefix = "timetoken:upload:";

    /// <summary>
    /// The folder that holds request bodies while they stream in and while the handler runs. Default
    /// <c>{system temp}/timetoken-uploads</c>. Every file there is deleted when its request ends, whatever the outcome.
    /// </summary>
    public string TempDirectory { get; set; } = Path.Combine(Path.GetTempPath(), "timetoken-uploads");

    /// <summary>
    /// The prefix of every Redis key. Default <c>timetoken:upload:</c>. Give each application (or tenant) that shares
    /// a Redis database its own prefix.
    /// </summary>
    public string RedisKeyPrefix { get; set; } = DefaultRedisKeyPrefix;
}
