// Mirrors: src/OrchardCore/OrchardCore.Media.Abstractions/MediaOptions.cs @ 3.0.1
using Microsoft.AspNetCore.Http;

namespace OrchardCore.Media;

// Data holder (options): only the properties the module reads.
public class MediaOptions
{
    public HashSet<string> AllowedFileExtensions { get; set; }

    public long MaxFileSize { get; set; }

    public PathString AssetsRequestPath { get; set; }
}
