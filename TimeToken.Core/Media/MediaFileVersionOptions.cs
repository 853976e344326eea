using System.Globalization;
using Microsoft.Extensions.Options;

namespace TimeToken.Core.Media;

/// <summary>
/// Settings of the file-version cache behind signing and the gate. Each value's default, unit and limits are here;
/// values outside the limits are refused when the options are first used (<see cref="OptionsValidationException"/>).
/// </summary>
public sealed class MediaFileVersionOptions
{
    /// <summary>The longest a store look-up may be given, in seconds (5 minutes).</summary>
    public const double MaxStoreTimeoutSeconds = 300;

    /// <summary>
    /// How long a file's version is kept before a remote store (one whose
    /// <see cref="IMediaFileInfoSource.IsLocalFileSystem"/> is <see langword="false"/>) is asked again, in seconds.
    /// Default 30; at least 0. Media events (created, moved, deleted) invalidate entries at once; this, with
    /// <see cref="StaleSeconds"/>, bounds the delay for changes made behind the application's back. 0 turns the cache
    /// off.
    /// </summary>
    public int CacheSeconds { get; set; } = 30;

    /// <summary>
    /// How long past <see cref="CacheSeconds"/> a remote store's entry may still be used while one background look-up
    /// refreshes it, in seconds. Default 30; at least 0. Renders never wait for the store once a file has been seen,
    /// and a file changed behind the application's back on a remote store loses its old links within
    /// <see cref="CacheSeconds"/> + <see cref="StaleSeconds"/> (60 s). Never used for a local file system. 0 turns it off.
    /// </summary>
    public double StaleSeconds { get; set; } = 30;

    /// <summary>
    /// How long a file's version is kept when the store is a local file system, in seconds. Default 1; at least 0. A
    /// file rewritten on disk behind the application's back (a deploy, <c>cp</c>, <c>rsync</c>) loses its old links
    /// within one second. 0 asks the file system on every check. Never longer than <see cref="CacheSeconds"/>.
    /// </summary>
    /// <remarks>
    /// A fresh <c>stat</c> costs about a microsecond per check, a cached answer a few tens of nanoseconds (see
    /// benchmarks/README.md); a one-second bound costs one <c>stat</c> per path and second, or one folder listing per
    /// folder and second when a page links many files of one folder.
    /// </remarks>
    public double LocalCacheSeconds { get; set; } = 1;

    /// <summary>
    /// The most paths kept in the cache. Default 10,000; at least 1. Paths on the verify path come from requests, so
    /// the cache is bounded: when it is full, expired entries and entries of missing files are dropped first, then
    /// everything.
    /// </summary>
    public int MaxCacheEntries { get; set; } = 10_000;

    /// <summary>
    /// How long one store look-up may take, in seconds, before the request is refused (and a link signed meanwhile
    /// binds its issue time). Default 5; more than 0, at most <see cref="MaxStoreTimeoutSeconds"/>.
    /// </summary>
    public double StoreTimeoutSeconds { get; set; } = 5;
}

/// <summary>The limits of <see cref="MediaFileVersionOptions"/>, as documented on each value.</summary>
internal sealed class MediaFileVersionOptionsValidator : IValidateOptions<MediaFileVersionOptions>
{
    public ValidateOptionsResult Validate(string? name, MediaFileVersionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        List<string>? failures = null;
        void Refuse(string setting, object value, string rule) =>
            (failures ??= []).Add(string.Create(CultureInfo.InvariantCulture, $"{nameof(MediaFileVersionOptions)}.{setting} is {value}; it must be {rule}."));

        if (options.CacheSeconds < 0)
        {
            Refuse(nameof(options.CacheSeconds), options.CacheSeconds, "0 or more");
        }

        if (!(double.IsFinite(options.StaleSeconds) && options.StaleSeconds >= 0))
        {
            Refuse(nameof(options.StaleSeconds), options.StaleSeconds, "0 or more");
        }

        if (!(double.IsFinite(options.LocalCacheSeconds) && options.LocalCacheSeconds >= 0))
        {
            Refuse(nameof(options.LocalCacheSeconds), options.LocalCacheSeconds, "0 or more");
        }

        if (options.MaxCacheEntries < 1)
        {
            Refuse(nameof(options.MaxCacheEntries), options.MaxCacheEntries, "1 or more");
        }

        if (!(options.StoreTimeoutSeconds > 0 && options.StoreTimeoutSeconds <= MediaFileVersionOptions.MaxStoreTimeoutSeconds))
        {
            Refuse(nameof(options.StoreTimeoutSeconds), options.StoreTimeoutSeconds, string.Create(CultureInfo.InvariantCulture, $"more than 0 and at most {MediaFileVersionOptions.MaxStoreTimeoutSeconds}"));
        }

        return failures is null ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
