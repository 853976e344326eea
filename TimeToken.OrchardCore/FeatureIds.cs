namespace TimeToken.OrchardCore;

/// <summary>
/// The ids of the module's features, as declared in <c>Manifest.cs</c> and <c>Module.txt</c>.
/// </summary>
public static class FeatureIds
{
    /// <summary>
    /// Time-token media: signed media URLs, the gate, the settings page and the Liquid filter. Its id is the module id.
    /// </summary>
    public const string TimeToken = "TimeToken.OrchardCore";

    /// <summary>
    /// Upload slots: short-lived URLs a client uploads one file to. Requires <see cref="TimeToken"/>.
    /// </summary>
    public const string UploadSlots = "TimeToken.OrchardCore.UploadSlots";

    /// <summary>
    /// Upload slots for GraphQL and JSON API clients: the <c>createMediaUploadSlot</c> and
    /// <c>createContentMediaUploadSlot</c> mutations (when <c>OrchardCore.Apis.GraphQL</c> is on), the endpoints
    /// <c>POST api/timetoken/upload-slots</c> and <c>POST api/timetoken/upload-slots/content</c>, and the
    /// <c>content-media-field</c> handler. Requires <see cref="UploadSlots"/> and <c>OrchardCore.Contents</c>.
    /// </summary>
    public const string UploadSlotsApi = "TimeToken.OrchardCore.UploadSlots.Api";

    /// <summary>
    /// Share links: editors share a protected file for a while through a link that carries a revocable grant, stored in
    /// the tenant's database. Requires <see cref="TimeToken"/>.
    /// </summary>
    public const string ShareLinks = "TimeToken.OrchardCore.ShareLinks";
}
