namespace TimeToken.Core.Uploads;

/// <summary>
/// Writes uploaded files below a physical root folder. Each file is written to a staging folder first
/// (<c>{root}/.timetoken-staging</c>, the same file system) and then moved into place with a move that never
/// overwrites, so no partial file ever appears at its destination and an existing file is never replaced.
/// </summary>
public sealed class PhysicalUploadFileSink : IUploadFileSink
{
    /// <summary>The name of the staging folder below the root.</summary>
    public const string StagingFolderName = ".timetoken-staging";

    private readonly string _root;
    private readonly string _staging;

    /// <summary>Creates a sink over <paramref name="rootPath"/>.</summary>
    /// <param name="rootPath">The root folder; created when missing.</param>
    public PhysicalUploadFileSink(string rootPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(rootPath);
        _root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(rootPath));
        _staging = Path.Combine(_root, StagingFolderName);
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">The path is malformed or leaves the root.</exception>
    public async Task<string?> TryCreateFileAsync(string path, Stream content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (!UploadFolderPath.IsValidRelativePath(path))
        {
            throw new ArgumentException("The path must be relative, with '/' separators and no '.' or '..' segments.", nameof(path));
        }

        var destination = Path.GetFullPath(Path.Combine(_root, path));
        if (!destination.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            || destination.StartsWith(_staging + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new ArgumentException("The path leaves the root folder.", nameof(path));
        }

        if (File.Exists(destination) || Directory.Exists(destination))
        {
            return null;
        }

        Directory.CreateDirectory(_staging);
        Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
        var staged = Path.Combine(_staging, Guid.NewGuid().ToString("N") + ".part");
        try
        {
            await using (var target = new FileStream(staged, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.Asynchronous))
            {
                await content.CopyToAsync(target, cancellationToken).ConfigureAwait(false);
            }

            try
            {
                // Without overwrite, the move is a link + unlink on Unix: atomic, and it fails if the name exists.
                File.Move(staged, destination, overwrite: false);
            }
            catch (IOException) when (File.Exists(destination))
            {
                return null;
            }

            return path;
        }
        finally
        {
            File.Delete(staged);
        }
    }
}
