// Mirrors: src/OrchardCore/OrchardCore.Media.Abstractions/Events/MediaCreatingContext.cs @ 3.0.1
namespace OrchardCore.Media.Events;

// Data holder.
public class MediaCreatingContext : MediaContextBase
{
}
