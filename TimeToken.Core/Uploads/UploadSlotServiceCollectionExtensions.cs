using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using TimeToken.Core;
using TimeToken.Core.Signing;
using TimeToken.Core.Uploads;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers upload slots and their handlers.</summary>
public static class UploadSlotServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IUploadSlotService"/> and the slot store. The store is <see cref="RedisUploadSlotStore"/>
    /// when <see cref="TimeTokenOptions.Redis"/> is set (one shared, lazily made connection), otherwise
    /// <see cref="MemoryUploadSlotStore"/>; a store registered earlier wins. Also adds, when absent,
    /// <see cref="TimeProvider.System"/> and a <see cref="StaticKeyRingProvider"/> with a random key ring (replace it with a
    /// stored ring when slots must survive a restart or span several nodes). A hosted service checks the private
    /// temporary folder when the host starts (see <see cref="UploadSlotServerOptions.TempDirectory"/>) and deletes
    /// stale temporary files once, in the background; hosts that run no hosted services get the folder checked on
    /// the first upload instead.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Optional host-level settings (temporary folder, Redis key prefix).</param>
    /// <returns>The services, for chaining.</returns>
    /// <remarks>Add the endpoint with <see cref="UploadSlotApplicationBuilderExtensions.UseTimeTokenUploadSlots"/>.</remarks>
    public static IServiceCollection AddTimeTokenUploadSlots(this IServiceCollection services, Action<UploadSlotServerOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddTimeTokenCore();
        var serverOptions = services.AddOptions<UploadSlotServerOptions>();
        if (configure is not null)
        {
            serverOptions.Configure(configure);
        }

        services.TryAddSingleton<IUploadSlotStore>(sp =>
        {
            var redis = sp.GetRequiredService<IOptions<TimeTokenOptions>>().Value.Redis;
            return string.IsNullOrWhiteSpace(redis)
                ? new MemoryUploadSlotStore(sp.GetRequiredService<TimeProvider>())
                : new RedisUploadSlotStore(redis, sp.GetRequiredService<IOptions<UploadSlotServerOptions>>().Value.RedisKeyPrefix);
        });
        services.TryAddSingleton<UploadSlotHandlerRegistry>();
        services.TryAddSingleton<IUploadSlotService, UploadSlotService>();
        services.TryAddSingleton<UploadTempDirectory>();
        services.TryAddSingleton<IUploadTempFolder>(sp => sp.GetRequiredService<UploadTempDirectory>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Microsoft.Extensions.Hosting.IHostedService, UploadTempDirectoryService>());
        return services;
    }

    /// <summary>
    /// Registers <typeparamref name="THandler"/> (scoped) as the upload slot handler named <paramref name="name"/>.
    /// Slots created for that name run it. The name is mapped to the type in a plain registry (no keyed services),
    /// so it works in any container, Orchard Core's tenant containers included.
    /// </summary>
    /// <typeparam name="THandler">The handler type.</typeparam>
    /// <param name="services">The services.</param>
    /// <param name="name">1 to 64 characters of <c>A-Z a-z 0-9 . - _</c>, unique.</param>
    /// <returns>The services, for chaining.</returns>
    /// <exception cref="ArgumentException">The name is malformed, or already taken by another handler type.</exception>
    public static IServiceCollection AddUploadSlotHandler<THandler>(this IServiceCollection services, string name)
        where THandler : class, IUploadSlotHandler
    {
        ArgumentNullException.ThrowIfNull(services);
        if (!UploadSlotHandlerRegistration.IsValidName(name))
        {
            throw new ArgumentException("A handler name is 1 to 64 characters of A-Z, a-z, 0-9, '.', '-' and '_'.", nameof(name));
        }

        foreach (var descriptor in services)
        {
            if (descriptor.ServiceType == typeof(UploadSlotHandlerRegistration)
                && descriptor.ImplementationInstance is UploadSlotHandlerRegistration existing
                && existing.Name == name)
            {
                if (existing.HandlerType == typeof(THandler))
                {
                    return services;
                }

                throw new ArgumentException($"The upload slot handler name '{name}' is already registered for {existing.HandlerType}.", nameof(name));
            }
        }

        services.AddSingleton(new UploadSlotHandlerRegistration(name, typeof(THandler)));
        services.TryAddScoped<THandler>();
        return services;
    }
}
