// Mirrors: src/OrchardCore/OrchardCore.Media.Abstractions/Events/MediaDeletedContext.cs @ 3.0.1
namespace OrchardCore.Media.Events;

// Data holder.
public class MediaDeletedContext : MediaContextBase
{
    public bool Result { get; set; }
}
