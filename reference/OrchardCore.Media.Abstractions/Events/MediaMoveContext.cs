// Mirrors: src/OrchardCore/OrchardCore.Media.Abstractions/Events/MediaMoveContext.cs @ 3.0.1
namespace OrchardCore.Media.Events;

// Data holder.
public class MediaMoveContext
{
    public string OldPath { get; set; }

    public string NewPath { get; set; }
}
