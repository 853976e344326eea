// Mirrors: src/OrchardCore/OrchardCore.Infrastructure.Abstractions/Security/Permissions/PermissionsServiceCollectionExtensions.cs @ 3.0.1
using Microsoft.Extensions.DependencyInjection;

namespace OrchardCore.Security.Permissions;

public static class PermissionsServiceCollectionExtensions
{
    public static IServiceCollection AddPermissionProvider<TPermissionProvider>(this IServiceCollection services)
        where TPermissionProvider : class, IPermissionProvider
        => throw new NotSupportedException();
}
