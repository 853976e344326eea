using OrchardCore.Security.Permissions;

namespace TimeToken.OrchardCore;

/// <summary>The permissions of the module.</summary>
public static class TimeTokenPermissions
{
    /// <summary>Edit the time-token settings and rotate the signing key. Granted to Administrators.</summary>
    public static readonly Permission ManageTimeTokenSettings = new("ManageTimeTokenSettings", "Manage time-token settings", isSecurityCritical: true);

    /// <summary>
    /// Ask for upload slots through GraphQL or the JSON API (feature <see cref="FeatureIds.UploadSlotsApi"/>). Granted to
    /// Administrators. A slot is only handed out when the caller may also manage media in its folder
    /// (<c>ManageMediaFolder</c>) and, for a content item, edit that item.
    /// </summary>
    public static readonly Permission CreateUploadSlots = new("CreateUploadSlots", "Create upload slots");

    /// <summary>
    /// Share a protected file through a revocable link, and list and revoke share links (feature
    /// <see cref="FeatureIds.ShareLinks"/>). Granted to Administrators and Editors. A link is only made, listed or revoked
    /// when the user may also manage media (<c>ManageMedia</c>) in the file's folder (<c>ManageMediaFolder</c>).
    /// </summary>
    public static readonly Permission ShareMediaLinks = new("ShareMediaLinks", "Share media links");
}
