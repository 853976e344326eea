using Microsoft.AspNetCore.Http;

namespace TimeToken.Core.Uploads;

/// <summary>
/// The answer to each refusal of the upload endpoint: one status and one short plain-text body per kind of problem,
/// the same whatever detail caused it (the detail goes to the Debug log). The table of
/// <c>TimeToken.Core/Uploads/README.md</c> lists them.
/// </summary>
internal static class UploadAnswers
{
    /// <summary>The body of every answer with the configured failure status: a bad path, token or slot.</summary>
    public const string NotFoundBody = "Upload slot not found.";

    /// <summary>The body of a 500: the handler or the server failed.</summary>
    public const string ErrorBody = "The upload could not be processed.";

    private const string ConflictBody = "This upload slot is already in use or was used.";
    private const string TooLargeBody = "The upload is too large.";
    private const string UnsupportedBody = "This file type is not allowed.";
    private const string BadRequestBody = "The upload is malformed.";
    private const string TooManyFilesBody = "The upload carries too many files.";
    private const string NoFileBody = "The upload carries no file.";
    private const string MethodBody = "Only POST is allowed.";
    private const string UnavailableBody = "The upload service is temporarily unavailable; try again later.";

    /// <summary>The status and body of a refusal.</summary>
    /// <param name="refusal">Why the upload was refused.</param>
    /// <param name="options">The options, whose failure status answers a bad path or an unknown slot.</param>
    public static (int StatusCode, string Body) For(UploadRefusal refusal, TimeTokenOptions options) => refusal switch
    {
        UploadRefusal.BadPath or UploadRefusal.UnknownSlot => (options.FailureStatusCode, NotFoundBody),
        UploadRefusal.InUseOrUsed => (StatusCodes.Status409Conflict, ConflictBody),
        UploadRefusal.MethodNotAllowed => (StatusCodes.Status405MethodNotAllowed, MethodBody),
        UploadRefusal.TooLarge => (StatusCodes.Status413PayloadTooLarge, TooLargeBody),
        UploadRefusal.ExtensionNotAllowed => (StatusCodes.Status415UnsupportedMediaType, UnsupportedBody),
        UploadRefusal.TooManyFiles => (StatusCodes.Status400BadRequest, TooManyFilesBody),
        UploadRefusal.NoFile => (StatusCodes.Status400BadRequest, NoFileBody),
        UploadRefusal.BadFileName or UploadRefusal.MalformedBody => (StatusCodes.Status400BadRequest, BadRequestBody),
        UploadRefusal.StoreUnavailable => (StatusCodes.Status503ServiceUnavailable, UnavailableBody),
        _ => throw new ArgumentOutOfRangeException(nameof(refusal)),
    };

    /// <summary>Writes a plain-text answer, unless the response has started.</summary>
    public static async Task WriteAsync(HttpContext context, int statusCode, string body)
    {
        if (context.Response.HasStarted)
        {
            return;
        }

        context.Response.StatusCode = statusCode;
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync(body, CancellationToken.None).ConfigureAwait(false);
    }
}
