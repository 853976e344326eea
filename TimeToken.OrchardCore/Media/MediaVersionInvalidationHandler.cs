using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OrchardCore.Media.Events;
using TimeToken.Core;
using TimeToken.Core.Media;

namespace TimeToken.OrchardCore.Media;

/// <summary>
/// Forgets cached file versions when Orchard's media library creates, replaces, moves or deletes files, so links to
/// the old content stop verifying at once. Registered as a singleton: Orchard resolves media event handlers once,
/// from the tenant's root provider.
/// </summary>
/// <remarks>
/// The version provider is resolved on first use: Orchard builds the media store with its event handlers, and the
/// version provider depends on that store, so taking it in the constructor would be a cycle. Copies raise no event
/// in Orchard Core 3.0.1; the copied file's version is read on first use anyway (nothing is cached for a new path).
/// </remarks>
internal sealed class MediaVersionInvalidationHandler : IMediaEventHandler, IMediaCreatingEventHandler
{
    private readonly IServiceProvider _services;
    private readonly ILogger _logger;
    private IMediaFileVersionProvider? _versions;

    public MediaVersionInvalidationHandler(IServiceProvider services, ILogger<MediaVersionInvalidationHandler> logger)
    {
        _services = services;
        _logger = logger;
    }

    private IMediaFileVersionProvider Versions => _versions ??= _services.GetRequiredService<IMediaFileVersionProvider>();

    public Task<Stream> MediaCreatingAsync(MediaCreatingContext context, Stream creatingStream)
    {
        Invalidate(context.Path);
        return Task.FromResult(creatingStream);
    }

    public Task MediaDeletedFileAsync(MediaDeletedContext context)
    {
        Invalidate(context.Path);
        return Task.CompletedTask;
    }

    public Task MediaDeletedDirectoryAsync(MediaDeletedContext context)
    {
        if (context.Path is { } path)
        {
            Log.MediaFolderVersionsInvalidated(_logger, path);
            Versions.InvalidatePrefix(path);
        }

        return Task.CompletedTask;
    }

    public Task MediaMovedAsync(MediaMoveContext context)
    {
        Invalidate(context.OldPath);
        Invalidate(context.NewPath);
        return Task.CompletedTask;
    }

    // The other events of IMediaEventHandler keep their default bodies (nothing to do).
    private void Invalidate(string? path)
    {
        if (path is not null)
        {
            Log.MediaFileVersionInvalidated(_logger, path);
            Versions.Invalidate(path);
        }
    }
}
