namespace TimeToken.Core.Uploads;

/// <summary>
/// Where <see cref="SaveToFolderUploadSlotHandler"/> writes files: a physical folder
/// (<see cref="PhysicalUploadFileSink"/>) or, in Orchard Core, the media file store.
/// </summary>
public interface IUploadFileSink
{
    /// <summary>
    /// Stores <paramref name="content"/> at <paramref name="path"/>, never overwriting, and never leaving a partial
    /// file at <paramref name="path"/> when it fails.
    /// </summary>
    /// <param name="path">A relative path with <c>/</c> separators, already checked (no <c>..</c>, no backslash).</param>
    /// <param name="content">The file content.</param>
    /// <param name="cancellationToken">Cancels the copy.</param>
    /// <returns>The stored path, or <see langword="null"/> when a file already exists at <paramref name="path"/>.</returns>
    Task<string?> TryCreateFileAsync(string path, Stream content, CancellationToken cancellationToken);
}
