// Mirrors: src/OrchardCore/OrchardCore.FileStorage.Abstractions/IFileStore.cs @ 3.0.1
namespace OrchardCore.FileStorage;

// Every member is declared: the module decorates IMediaFileStore, which extends this interface.
public interface IFileStore
{
    Task<IFileStoreEntry> GetFileInfoAsync(string path);

    Task<IFileStoreEntry> GetDirectoryInfoAsync(string path);

    IAsyncEnumerable<IFileStoreEntry> GetDirectoryContentAsync(string path = null, bool includeSubDirectories = false);

    Task<bool> TryCreateDirectoryAsync(string path);

    Task<bool> TryDeleteFileAsync(string path);

    Task<bool> TryDeleteDirectoryAsync(string path);

    Task MoveFileAsync(string oldPath, string newPath);

    Task CopyFileAsync(string srcPath, string dstPath);

    Task<Stream> GetFileStreamAsync(string path);

    Task<Stream> GetFileStreamAsync(IFileStoreEntry fileStoreEntry);

    Task<string> CreateFileFromStreamAsync(string path, Stream inputStream, bool overwrite = false);

    // Real: a default body returning null (unlimited). A decorator must forward it, or callers get the default.
    Task<long?> GetPermittedStorageAsync() => throw new NotSupportedException();
}
