using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using TimeToken.Core;
using TimeToken.Core.Signing;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the key ring TimeToken signs with.</summary>
public static class TimeTokenServiceCollectionExtensions
{
    /// <summary>
    /// Keeps the key ring in <typeparamref name="TStore"/> (see <see cref="IKeyRingStore"/>): it is read, or made and
    /// saved, on first use, and rotated by <see cref="ISigningKeyManager.RotateAsync"/>. Replaces the random
    /// in-memory key ring that <c>AddTimeTokenMedia</c> and <c>AddTimeTokenUploadSlots</c> use otherwise, so links and
    /// slots survive a restart and are shared by every node that shares the store.
    /// </summary>
    /// <typeparam name="TStore">The store, created by the container as a singleton.</typeparam>
    /// <param name="services">The services.</param>
    /// <returns>The services, for chaining.</returns>
    /// <remarks>Security: the store holds the key material; encrypt it at rest (the Orchard module and the sample use Data Protection).</remarks>
    public static IServiceCollection AddTimeTokenStoredKeyRing<TStore>(this IServiceCollection services)
        where TStore : class, IKeyRingStore
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<IKeyRingStore, TStore>();
        return AddStoredKeyRingProvider(services);
    }

    /// <summary>Keeps the key ring in the store that <paramref name="createStore"/> makes; see <see cref="AddTimeTokenStoredKeyRing{TStore}(IServiceCollection)"/>.</summary>
    /// <typeparam name="TStore">The store.</typeparam>
    /// <param name="services">The services.</param>
    /// <param name="createStore">Makes the store, once.</param>
    /// <returns>The services, for chaining.</returns>
    public static IServiceCollection AddTimeTokenStoredKeyRing<TStore>(this IServiceCollection services, Func<IServiceProvider, TStore> createStore)
        where TStore : class, IKeyRingStore
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(createStore);
        services.TryAddSingleton<IKeyRingStore>(createStore);
        return AddStoredKeyRingProvider(services);
    }

    /// <summary>
    /// What both signed media and upload slots need, registered once: the options and their rules, the clock, and —
    /// unless a key ring is registered — a random in-memory one.
    /// </summary>
    internal static IServiceCollection AddTimeTokenCore(this IServiceCollection services)
    {
        services.AddOptions<TimeTokenOptions>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TimeTokenOptions>, TimeTokenOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IKeyRingProvider>(sp => new StaticKeyRingProvider(KeyRing.Create(sp.GetRequiredService<TimeProvider>())));
        return services;
    }

    private static IServiceCollection AddStoredKeyRingProvider(IServiceCollection services)
    {
        services.TryAddSingleton<StoredKeyRingProvider>();
        services.TryAddSingleton<KeyRingReloader>();
        services.RemoveAll<IKeyRingProvider>();
        services.AddSingleton<IKeyRingProvider>(sp => sp.GetRequiredService<StoredKeyRingProvider>());
        services.TryAddSingleton<ISigningKeyManager>(sp => sp.GetRequiredService<StoredKeyRingProvider>());
        return services;
    }
}
