namespace TimeToken.Core.Uploads;

/// <summary>
/// Host-level settings of the upload endpoint that are not site settings: where bodies are staged and how Redis keys
/// are named. Configure them with <see cref="Microsoft.Extensions.DependencyInjection.UploadSlotServiceCollectionExtensions.AddTimeTokenUploadSlots"/>.
/// </summary>
public sealed class UploadSlotServerOptions
{
    /// <summary>The default <see cref="RedisKeyPrefix"/>.</summary>
    public const string DefaultRedisKeyPrefix = "timetoken:upload:";

    /// <summary>
    /// The folder that holds request bodies while they stream in and while the handler runs, private to the
    /// application. Default <see langword="null"/>: a fresh folder with a random name in the system temp folder,
    /// made with mode <c>0700</c> when the application starts and deleted when it stops. Put it below the
    /// application's (or tenant's) <c>App_Data</c> to keep bodies off the shared temp folder.
    /// </summary>
    /// <remarks>
    /// <para>
    /// Security: on Unix a missing folder is created with mode <c>0700</c>; an existing one is used only when it is a
    /// real folder owned by the application's user with no group or other permission bits, otherwise the host refuses
    /// to start with an error naming the folder. Each body is written to a new file (mode <c>0600</c>, never an
    /// existing name) and handlers read it through the handle that received it, never by opening the path again.
    /// </para>
    /// <para>
    /// Every file there is deleted when its request ends, whatever the outcome; left-overs of a crash (older than six
    /// hours) are deleted once in the background when the host starts.
    /// </para>
    /// </remarks>
    public string? TempDirectory { get; set; }

    /// <summary>
    /// The prefix of every Redis key. Default <c>timetoken:upload:</c>. Give each application (or tenant) that shares
    /// a Redis database its own prefix.
    /// </summary>
    public string RedisKeyPrefix { get; set; } = DefaultRedisKeyPrefix;
}
