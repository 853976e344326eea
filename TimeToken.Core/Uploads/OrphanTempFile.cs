namespace TimeToken.Core.Uploads;

/// <summary>
/// Tells a temporary upload file whose process died from one an upload is still writing. Each upload keeps its file
/// open with <see cref="FileShare.None"/> from the moment it is made (on Unix .NET takes an advisory lock, which dies
/// with the process), so a file nobody holds, not written for <see cref="MinAge"/>, is the left-over of a crash,
/// however young: a node killed mid-upload leaves nothing once it starts again.
/// </summary>
/// <remarks>
/// Keep the folder private to one node (each node's own App_Data): on a network share the lock may not be seen by
/// the other machines. Files older than <see cref="UploadTempDirectory.StaleTempFileAge"/> are deleted in any case.
/// </remarks>
internal static class OrphanTempFile
{
    /// <summary>A file not written for this long and held by no process is an orphan: 1 s.</summary>
    public static readonly TimeSpan MinAge = TimeSpan.FromSeconds(1);

    /// <summary>Whether the file at <paramref name="path"/>, last written at <paramref name="writtenUtc"/>, is an orphan.</summary>
    /// <param name="path">A temporary upload file.</param>
    /// <param name="writtenUtc">Its last write time (UTC, the file system's clock).</param>
    /// <returns><see langword="true"/> when no process holds it and it was not written for <see cref="MinAge"/>.</returns>
    public static bool IsOrphan(string path, DateTime writtenUtc)
    {
        // The file system's own clock, not the TimeProvider that dates tokens.
        if (DateTime.UtcNow - writtenUtc < MinAge)
        {
            return false;
        }

        try
        {
            using var probe = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.None, 1);
            return true;
        }
        catch (IOException)
        {
            return false;
        }
    }
}
