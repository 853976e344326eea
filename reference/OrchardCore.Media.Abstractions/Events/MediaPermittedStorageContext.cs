// Mirrors: src/OrchardCore/OrchardCore.Media.Abstractions/Events/MediaPermittedStorageContext.cs @ 3.0.1
namespace OrchardCore.Media.Events;

public class MediaPermittedStorageContext
{
    public long? PermittedStorage { get; set; }

    // Real: keeps the smaller of the current and the new value.
    public void Constrain(long newValue) => throw new NotSupportedException();
}
