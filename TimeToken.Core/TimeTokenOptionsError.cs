namespace TimeToken.Core;

/// <summary>One rule a <see cref="TimeTokenOptions"/> value breaks.</summary>
/// <param name="Setting">The setting's configuration key below the section, such as <c>TimeoutSeconds</c> or <c>Uploads:MaxBytes</c>.</param>
/// <param name="Message">A sentence for the person who set it.</param>
public sealed record TimeTokenOptionsError(string Setting, string Message);
