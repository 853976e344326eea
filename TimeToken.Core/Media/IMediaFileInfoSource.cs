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
    /// Whether the files live on a local file system, where a look-up is one cheap <c>stat</c>. The version cache
    /// then keeps an entry at most <see cref="MediaFileVersionOptions.LocalCacheSeconds"/> (default 1 second), so a
    /// file rewritten behind the application's back loses its old links within that bound. Default
    /// <see langword="false"/>: entries live <see cref="MediaFileVersionOptions.CacheSeconds"/>.
    /// </summary>
    bool IsLocalFileSystem => false;
}
