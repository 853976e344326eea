using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using TimeToken.Core;
using TimeToken.Core.Media;
using TimeToken.Core.Signing;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the signed-media services of TimeToken.</summary>
public static class TimeTokenMediaServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IMediaFileVersionProvider"/>, <see cref="IMediaUrlSigner"/>, the share-link services
    /// (<see cref="IMediaGrantLinkSigner"/>, <see cref="IMediaGrantCache"/>, and an <see cref="IMediaGrantStore"/> that
    /// finds no grant unless another is registered), the options rules
    /// (<see cref="TimeTokenOptionsValidator"/>, and the limits of <see cref="MediaFileVersionOptions"/>), <see cref="TimeProvider.System"/> and, only when no
    /// <see cref="IKeyRingProvider"/> is registered, a random in-memory key ring (links then die with the process).
    /// </summary>
    /// <param name="services">The services.</param>
    /// <returns>The services.</returns>
    /// <remarks>The host must also register an <see cref="IMediaFileInfoSource"/>, or use the overload with a folder.</remarks>
    public static IServiceCollection AddTimeTokenMedia(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddTimeTokenCore();
        services.AddOptions<MediaFileVersionOptions>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MediaFileVersionOptions>, MediaFileVersionOptionsValidator>());
        services.TryAddSingleton<IMediaFileVersionProvider, MediaFileVersionProvider>();
        services.TryAddSingleton<IMediaUrlSigner, MediaUrlSigner>();

        // Share links: the gate asks the grant store (none by default) through the node's cache.
        services.AddOptions<MediaGrantOptions>();
        services.TryAddSingleton<IMediaGrantStore, NoMediaGrantStore>();
        services.TryAddSingleton<MediaGrantCache>();
        services.TryAddSingleton<IMediaGrantCache>(sp => sp.GetRequiredService<MediaGrantCache>());
        services.TryAddSingleton<IMediaGrantLinkSigner, MediaGrantLinkSigner>();
        return services;
    }

    /// <summary>
    /// Registers the signed-media services (see <see cref="AddTimeTokenMedia(IServiceCollection)"/>) with a
    /// <see cref="PhysicalMediaFileInfoSource"/> over <paramref name="mediaRootPath"/>, unless another source is registered.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="mediaRootPath">The folder the media files are served from.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddTimeTokenMedia(this IServiceCollection services, string mediaRootPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(mediaRootPath);
        services.TryAddSingleton<IMediaFileInfoSource>(new PhysicalMediaFileInfoSource(mediaRootPath));
        return services.AddTimeTokenMedia();
    }
}
