namespace TimeToken.OrchardCore.Settings;

/// <summary>
/// The site-settings property (named <c>TimeTokenKeyRingSettings</c>) that holds the tenant's signing key ring,
/// encrypted with the tenant's Data Protection. Kept apart from <c>TimeTokenSettings</c>, never shown, never edited.
/// </summary>
/// <remarks>
/// Text that does not decrypt with this tenant's keys (copied from another site, or written by a recipe) is
/// replaced by a fresh ring with one Warning log: a recipe cannot plant a usable key.
/// </remarks>
internal sealed class TimeTokenKeyRingSettings
{
    /// <summary>The protected key ring (Data Protection purpose <c>TimeToken.KeyRing.v1</c>).</summary>
    public string? ProtectedKeyRing { get; set; }
}
