namespace TimeToken.Core.Media;

/// <summary>
/// An <see cref="IMediaFileInfoSource"/> over a folder of the local file system, as served by ASP.NET Core's
/// static files middleware.
/// </summary>
/// <remarks>
/// Security: a path is looked up only when <see cref="MediaPath.TryNormalize"/> accepts it and its full path stays
/// inside the root; anything else is reported as not found.
/// </remarks>
public sealed class PhysicalMediaFileInfoSource : IMediaFileInfoSource
{
    private readonly string _root;

    /// <summary>Serves facts about the files below <paramref name="rootPath"/>.</summary>
    /// <param name="rootPath">The media root folder; made absolute.</param>
    public PhysicalMediaFileInfoSource(string rootPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(rootPath);
        _root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(rootPath)) + Path.DirectorySeparatorChar;
    }

    /// <summary>The absolute media root, ending with a directory separator.</summary>
    public string RootPath => _root;

    /// <inheritdoc/>
    /// <remarks>Always <see langword="true"/>: each look-up is one <c>stat</c> of the file.</remarks>
    public bool IsLocalFileSystem => true;

    /// <inheritdoc/>
    public ValueTask<MediaFileInfo> GetFileInfoAsync(string normalizedPath, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (!TryGetFullPath(normalizedPath, out var fullPath))
        {
            return ValueTask.FromResult(MediaFileInfo.NotFound);
        }

        var file = new FileInfo(fullPath);
        return ValueTask.FromResult(file.Exists
            ? new MediaFileInfo(true, new DateTimeOffset(file.LastWriteTimeUtc, TimeSpan.Zero), file.Length)
            : MediaFileInfo.NotFound);
    }

    /// <inheritdoc/>
    /// <remarks>
    /// One directory read for the folder, so a page of links into one folder costs one listing instead of a
    /// <c>stat</c> per file. Symbolic links are left out (each is asked for by itself, as the gate does), so a version
    /// never depends on which of the two gave it. A folder that does not exist lists no files.
    /// </remarks>
    public ValueTask<IReadOnlyList<KeyValuePair<string, MediaFileInfo>>?> ListFilesAsync(string normalizedFolder, int maxFiles, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var files = new List<KeyValuePair<string, MediaFileInfo>>();
        string fullFolder;
        if (normalizedFolder.Length == 0)
        {
            fullFolder = _root;
        }
        else if (!TryGetFullPath(normalizedFolder.TrimEnd('/'), out var full))
        {
            return ValueTask.FromResult<IReadOnlyList<KeyValuePair<string, MediaFileInfo>>?>(files);
        }
        else
        {
            fullFolder = full;
        }

        var folder = new DirectoryInfo(fullFolder);
        if (folder.Exists)
        {
            foreach (var file in folder.EnumerateFiles("*", new EnumerationOptions { RecurseSubdirectories = false, AttributesToSkip = FileAttributes.ReparsePoint, IgnoreInaccessible = true, MatchType = MatchType.Simple }))
            {
                files.Add(KeyValuePair.Create(normalizedFolder + file.Name, new MediaFileInfo(true, new DateTimeOffset(file.LastWriteTimeUtc, TimeSpan.Zero), file.Length)));
                if (files.Count >= maxFiles)
                {
                    break;
                }
            }
        }

        return ValueTask.FromResult<IReadOnlyList<KeyValuePair<string, MediaFileInfo>>?>(files);
    }

    /// <summary>Maps a media path to a full path inside the root.</summary>
    /// <param name="path">A media path.</param>
    /// <param name="fullPath">The full path, when the media path is valid and stays inside the root.</param>
    /// <returns>Whether the path is accepted.</returns>
    internal bool TryGetFullPath(string? path, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? fullPath)
    {
        fullPath = null;
        if (!MediaPath.TryNormalize(path, out var normalized))
        {
            return false;
        }

        var candidate = Path.GetFullPath(Path.Combine(_root, normalized.Replace('/', Path.DirectorySeparatorChar)));
        if (!candidate.StartsWith(_root, StringComparison.Ordinal) || candidate.Length == _root.Length)
        {
            return false;
        }

        fullPath = candidate;
        return true;
    }
}
