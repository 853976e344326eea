// Mirrors: src/OrchardCore/OrchardCore.Media.Abstractions/Events/MediaContextBase.cs @ 3.0.1
namespace OrchardCore.Media.Events;

// Data holder.
public class MediaContextBase
{
    public string Path { get; set; }
}
