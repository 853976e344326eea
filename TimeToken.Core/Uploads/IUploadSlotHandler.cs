namespace TimeToken.Core.Uploads;

/// <summary>
/// Receives the files of an upload slot. Register an implementation under a name with
/// <see cref="Microsoft.Extensions.DependencyInjection.UploadSlotServiceCollectionExtensions.AddUploadSlotHandler{THandler}"/>; it is resolved from the request's
/// services (scoped).
/// </summary>
/// <remarks>
/// The handler runs after every limit was checked and the whole body was stored in temporary files. Its result is
/// serialised as JSON into the <c>201 Created</c> answer. When it throws, the client gets a generic <c>500</c>, the
/// exception is logged once, and the slot is released so the client may retry until the slot expires (at most
/// <c>Uploads:MaxFailedAttempts</c> times). To refuse with a client error instead (the target is gone, say), throw
/// <see cref="UploadRefusedException"/>: the client gets its status and message, and it is no failed attempt. The temporary
/// files are deleted when the handler returns: copy what must be kept.
/// </remarks>
public interface IUploadSlotHandler
{
    /// <summary>Handles one upload.</summary>
    /// <param name="context">The files, the slot's arguments and the HTTP context.</param>
    /// <param name="cancellationToken">Signalled when the client aborts the request.</param>
    /// <returns>An object serialised as the JSON body of the answer, or <see langword="null"/> (body <c>null</c>).</returns>
    ValueTask<object?> HandleAsync(UploadSlotContext context, CancellationToken cancellationToken);
}
