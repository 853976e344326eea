namespace TimeToken.Core.Uploads;

/// <summary>
/// Thrown by an <see cref="IUploadSlotHandler"/> to refuse an upload with a client error (4xx) and a message the
/// client may read, such as <c>422</c> "The content item of this upload slot no longer exists.".
/// </summary>
/// <remarks>
/// The upload endpoint answers <see cref="StatusCode"/> with <see cref="Exception.Message"/> as a plain-text body,
/// deletes the temporary files and releases the slot's claim, as for any refusal of the client's input: the slot can
/// be retried until it expires, and the refusal does not count as a failed attempt. The handler must undo what it
/// already stored before it throws. The message goes to the client: never put paths, ids of other users or server
/// details in it.
/// </remarks>
public sealed class UploadRefusedException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="statusCode">A client error status, 400 to 499.</param>
    /// <param name="message">The answer's body, read by the client.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="statusCode"/> is not a client error.</exception>
    public UploadRefusedException(int statusCode, string message)
        : base(message)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(statusCode, 400);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(statusCode, 499);
        ArgumentException.ThrowIfNullOrEmpty(message);
        StatusCode = statusCode;
    }

    /// <summary>The status of the answer, 400 to 499.</summary>
    public int StatusCode { get; }
}
