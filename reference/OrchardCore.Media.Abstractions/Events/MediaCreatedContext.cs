// Mirrors: src/OrchardCore/OrchardCore.Media.Abstractions/Events/MediaCreatedContext.cs @ 3.0.1
namespace OrchardCore.Media.Events;

// Data holder.
public class MediaCreatedContext : MediaContextBase
{
    public bool Result { get; set; }
}
