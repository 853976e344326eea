namespace TimeToken.Core.Media;

/// <summary>
/// Asks a media store about one file. The Orchard Core module backs it with <c>IMediaFileStore.GetFileInfoAsync</c>;
/// plain applications and tests use <see cref="PhysicalMediaFileInfoSource"/>.
/// </summary>
public interface IMediaFileInfoSource
{
    /// <summary>Looks a file up.</summary>
    /// <param name="normalizedPath">A path from <see cref="MediaPath.TryNormalize"/>, relative to the media root.</param>
    /// <param name="cancellationToken">Cancels the look-up.</param>
    /// <returns>The file's facts, or <see cref="MediaFileInfo.NotFound"/>.</returns>
    /// <remarks>Throw when the store cannot answer; the gate then refuses the request (never a 500).</remarks>
    ValueTask<MediaFileInfo> GetFileInfoAsync(string normalizedPath, CancellationToken cancellationToken);

    /// <summary>
    /// Lists the files directly in one folder, for a store where one call per folder is much cheaper than one per file
    /// (blob stores). The version cache asks for a folder on a miss and caches every file in it. Default: not
    /// supported (<see langword="null"/>); local file systems are asked file by file.
    /// </summary>
    /// <param name="normalizedFolder">The folder, empty for the root, else ending with <c>/</c>.</param>
    /// <param name="maxFiles">Stop after this many files; a longer answer is not used.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>Each file's media path and facts, or <see langword="null"/> when the store cannot list.</returns>
    ValueTask<IReadOnlyList<KeyValuePair<string, MediaFileInfo>>?> ListFilesAsync(string normalizedFolder, int maxFiles, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<KeyValuePair<string, MediaFileInfo>>?>(null);

    /// <summary>
    /// Whether the files live on a local file system, where a look-up is one cheap <c>stat</c>. The version cache
    /// then keeps an entry at most <see cref="MediaFileVersionOptions.LocalCacheSeconds"/> (default 1 second), so a
    /// file rewritten behind the application's back loses its old links within that bound. Default
    /// <see langword="false"/>: entries live <see cref="MediaFileVersionOptions.CacheSeconds"/>.
    /// </summary>
    bool IsLocalFileSystem => false;
}
