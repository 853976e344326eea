using OrchardCore.Media;

namespace TimeToken.OrchardCore.Media;

/// <summary>
/// The media store as registered before the module decorated it (Orchard's default store, Azure or S3): its
/// <see cref="IMediaFileStore.MapPathToPublicUrl"/> gives unsigned URLs. Used where a second token must not be added
/// and where the decorator would depend on itself.
/// </summary>
internal sealed class InnerMediaFileStore
{
    public InnerMediaFileStore(IMediaFileStore store)
    {
        Store = store;
    }

    public IMediaFileStore Store { get; }
}
