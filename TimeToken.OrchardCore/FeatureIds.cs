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
}
