namespace TimeToken.Core.Media;

/// <summary>The media store could not tell a file's version: it failed or did not answer in time.</summary>
public sealed class MediaStoreUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public MediaStoreUnavailableException()
        : base("The media store is unavailable.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public MediaStoreUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The store's exception.</param>
    public MediaStoreUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
