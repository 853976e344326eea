namespace TimeToken.Core.Media;

/// <summary>What a media store says about one file: whether it exists, when it last changed and how long it is.</summary>
/// <param name="Exists">Whether a file (not a folder) exists at the path.</param>
/// <param name="LastModifiedUtc">
/// The last write time, in UTC, with the full precision the store reports (100 ns ticks on a local file system);
/// ignored when <paramref name="Exists"/> is <see langword="false"/>.
/// </param>
/// <param name="Length">The length in bytes; ignored when <paramref name="Exists"/> is <see langword="false"/>.</param>
public readonly record struct MediaFileInfo(bool Exists, DateTimeOffset LastModifiedUtc, long Length)
{
    /// <summary>The answer for a path that holds no file.</summary>
    public static MediaFileInfo NotFound { get; }
}
