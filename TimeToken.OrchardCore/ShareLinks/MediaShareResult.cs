using TimeToken.Core.Media;

namespace TimeToken.OrchardCore.ShareLinks;

/// <summary>How a request to share a file ended.</summary>
public enum MediaShareOutcome
{
    /// <summary>The grant is stored and the link made.</summary>
    Created,

    /// <summary>An argument is not acceptable; <see cref="MediaShareResult.Field"/> and <see cref="MediaShareResult.Message"/> say which and why.</summary>
    Invalid,

    /// <summary>The user may not share this file.</summary>
    Forbidden,

    /// <summary>There is no such file.</summary>
    NotFound,

    /// <summary>The media store could not be asked for the file.</summary>
    Unavailable,
}

/// <summary>The answer to a request to share a file.</summary>
public sealed class MediaShareResult
{
    /// <summary>Creates an answer.</summary>
    /// <param name="outcome">How the request ended.</param>
    /// <param name="link">The link, when made.</param>
    /// <param name="grant">The stored grant, when made.</param>
    /// <param name="field">The argument that was not acceptable (<c>path</c>, <c>lifetime</c> or <c>downloadName</c>).</param>
    /// <param name="message">Why, in a sentence for the user.</param>
    public MediaShareResult(MediaShareOutcome outcome, MediaGrantLink? link = null, MediaShareGrant? grant = null, string? field = null, string? message = null)
    {
        Outcome = outcome;
        Link = link;
        Grant = grant;
        Field = field;
        Message = message;
    }

    /// <summary>How the request ended.</summary>
    public MediaShareOutcome Outcome { get; }

    /// <summary>The link, when made. Security: it opens the file to anyone who has it; never log or store it.</summary>
    public MediaGrantLink? Link { get; }

    /// <summary>The stored grant, when made.</summary>
    public MediaShareGrant? Grant { get; }

    /// <summary>The argument that was not acceptable: <c>path</c>, <c>lifetime</c> or <c>downloadName</c>.</summary>
    public string? Field { get; }

    /// <summary>Why the argument was not acceptable.</summary>
    public string? Message { get; }

    internal static MediaShareResult Invalid(string field, string message) => new(MediaShareOutcome.Invalid, field: field, message: message);
}
