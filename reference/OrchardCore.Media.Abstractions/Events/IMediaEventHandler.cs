// Mirrors: src/OrchardCore/OrchardCore.Media.Abstractions/Events/IMediaEventHandler.cs @ 3.0.1
namespace OrchardCore.Media.Events;

// Every member has a default body in the real interface (=> Task.CompletedTask), so each is virtual here too.
public interface IMediaEventHandler
{
    Task MediaDeletingFileAsync(MediaDeletingContext context) => throw new NotSupportedException();

    Task MediaDeletedFileAsync(MediaDeletedContext context) => throw new NotSupportedException();

    Task MediaDeletingDirectoryAsync(MediaDeletingContext context) => throw new NotSupportedException();

    Task MediaDeletedDirectoryAsync(MediaDeletedContext context) => throw new NotSupportedException();

    Task MediaMovingAsync(MediaMoveContext context) => throw new NotSupportedException();

    Task MediaMovedAsync(MediaMoveContext context) => throw new NotSupportedException();

    Task MediaCreatingDirectoryAsync(MediaCreatingContext context) => throw new NotSupportedException();

    Task MediaCreatedDirectoryAsync(MediaCreatedContext context) => throw new NotSupportedException();

    Task MediaPermittedStorageAsync(MediaPermittedStorageContext context) => throw new NotSupportedException();
}
