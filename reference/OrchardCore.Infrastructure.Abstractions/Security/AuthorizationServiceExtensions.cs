// Mirrors: src/OrchardCore/OrchardCore.Infrastructure.Abstractions/Security/AuthorizationServiceExtensions.cs @ 3.0.1
using System.Security.Claims;
using OrchardCore.Security.Permissions;

namespace Microsoft.AspNetCore.Authorization;

// Same full name as ASP.NET Core's class: call these in extension form only (naming the class is ambiguous, CS0433).
public static class AuthorizationServiceExtensions
{
    public static Task<bool> AuthorizeAsync(this IAuthorizationService service, ClaimsPrincipal user, Permission permission)
        => throw new NotSupportedException();
}
