namespace TimeToken.Core.Signing;

/// <summary>What may be shown of a signing key: never its material.</summary>
/// <param name="Id">The key's id, as it appears at the start of every token it signed.</param>
/// <param name="CreatedAt">When the key was made.</param>
public sealed record SigningKeyInfo(string Id, DateTimeOffset CreatedAt);
