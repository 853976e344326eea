using OrchardCore.Security.Permissions;

namespace TimeToken.OrchardCore;

/// <summary>The permissions of the module.</summary>
public static class TimeTokenPermissions
{
    /// <summary>Edit the time-token settings and rotate the signing key. Granted to Administrators.</summary>
    public static readonly Permission ManageTimeTokenSettings = new("ManageTimeTokenSettings", "Manage time-token settings", isSecurityCritical: true);
}
