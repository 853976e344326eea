// Mirrors: src/OrchardCore/OrchardCore.FileStorage.Abstractions/FileStoreException.cs @ 3.0.1
namespace OrchardCore.FileStorage;

// Data holder: tests throw it from a fake store, so the constructors are real.
public class FileStoreException : Exception
{
    public FileStoreException(string message)
        : base(message)
    {
    }

    public FileStoreException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
