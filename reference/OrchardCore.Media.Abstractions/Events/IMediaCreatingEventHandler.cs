// Mirrors: src/OrchardCore/OrchardCore.Media.Abstractions/Events/IMediaCreatingEventHandler.cs @ 3.0.1
namespace OrchardCore.Media.Events;

public interface IMediaCreatingEventHandler
{
    Task<Stream> MediaCreatingAsync(MediaCreatingContext context, Stream creatingStream);
}
