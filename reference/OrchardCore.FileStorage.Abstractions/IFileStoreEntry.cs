// Mirrors: src/OrchardCore/OrchardCore.FileStorage.Abstractions/IFileStoreEntry.cs @ 3.0.1
namespace OrchardCore.FileStorage;

public interface IFileStoreEntry
{
    string Path { get; }

    string Name { get; }

    string DirectoryPath { get; }

    long Length { get; }

    DateTime LastModifiedUtc { get; }

    bool IsDirectory { get; }
}
