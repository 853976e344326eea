using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace TimeToken.Core.Uploads;

/// <summary>What an <see cref="IUploadSlotHandler"/> receives for one upload.</summary>
public sealed class UploadSlotContext
{
    /// <summary>Creates a context.</summary>
    /// <param name="handlerName">The handler name the slot was created for.</param>
    /// <param name="arguments">The slot's arguments.</param>
    /// <param name="files">The uploaded files.</param>
    /// <param name="expiresAt">When the slot expires.</param>
    /// <param name="httpContext">The HTTP request.</param>
    public UploadSlotContext(string handlerName, JsonElement arguments, IReadOnlyList<UploadedFile> files, DateTimeOffset expiresAt, HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(handlerName);
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(httpContext);
        HandlerName = handlerName;
        Arguments = arguments;
        Files = files;
        ExpiresAt = expiresAt;
        HttpContext = httpContext;
    }

    /// <summary>The handler name the slot was created for.</summary>
    public string HandlerName { get; }

    /// <summary>
    /// The arguments given when the slot was created; a JSON <c>null</c> when none were given. They come from the
    /// server, never from the client.
    /// </summary>
    public JsonElement Arguments { get; }

    /// <summary>The uploaded files, in the order they arrived; at least one.</summary>
    public IReadOnlyList<UploadedFile> Files { get; }

    /// <summary>When the slot expires.</summary>
    public DateTimeOffset ExpiresAt { get; }

    /// <summary>The HTTP request (for the user, the services, the headers). Its body has been read already.</summary>
    public HttpContext HttpContext { get; }
}

/// <summary>One uploaded file, kept in a temporary file until the handler returns.</summary>
public sealed class UploadedFile
{
    private readonly string _tempPath;

    /// <summary>Describes a file already stored at <paramref name="tempPath"/> (the endpoint does this; tests and custom hosts may too).</summary>
    /// <param name="fileName">The sanitised file name.</param>
    /// <param name="contentType">The declared content type.</param>
    /// <param name="fieldName">The form field name, or <see langword="null"/> for a raw body.</param>
    /// <param name="length">The length in bytes.</param>
    /// <param name="tempPath">The full path of the stored content.</param>
    public UploadedFile(string fileName, string contentType, string? fieldName, long length, string tempPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(fileName);
        ArgumentNullException.ThrowIfNull(contentType);
        ArgumentException.ThrowIfNullOrEmpty(tempPath);
        FileName = fileName;
        ContentType = contentType;
        FieldName = fieldName;
        Length = length;
        _tempPath = tempPath;
    }

    /// <summary>
    /// The client's file name, reduced to its last path segment (no <c>/</c>, <c>\</c> or control characters).
    /// Still client data: never use it as a path without checking.
    /// </summary>
    public string FileName { get; }

    /// <summary>The content type the client declared (not checked); <c>application/octet-stream</c> when none.</summary>
    public string ContentType { get; }

    /// <summary>The multipart form field name, or <see langword="null"/> for a raw body.</summary>
    public string? FieldName { get; }

    /// <summary>The length in bytes, as counted while the file streamed in.</summary>
    public long Length { get; }

    /// <summary>The extension of <see cref="FileName"/>, lower case with its dot; empty when it has none.</summary>
    public string Extension => Path.GetExtension(FileName).ToLowerInvariant();

    /// <summary>Opens a new read-only stream over the temporary file. Dispose it; it is valid until the handler returns.</summary>
    /// <returns>The stream, positioned at the start.</returns>
    public Stream OpenReadStream() =>
        new FileStream(_tempPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 81920, FileOptions.Asynchronous | FileOptions.SequentialScan);
}
