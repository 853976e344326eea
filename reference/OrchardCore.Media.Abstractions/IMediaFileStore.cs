// Mirrors: src/OrchardCore/OrchardCore.Media.Abstractions/IMediaFileStore.cs @ 3.0.1
using OrchardCore.FileStorage;

namespace OrchardCore.Media;

public interface IMediaFileStore : IFileStore
{
    string MapPathToPublicUrl(string path);
}
