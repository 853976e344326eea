using System.Buffers;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace TimeToken.Core.Uploads;

/// <summary>
/// Streams the file bodies of one upload (a raw body named by <c>X-File-Name</c>, or <c>multipart/form-data</c>) into
/// new private temporary files while it counts bytes and files. Each read answers the refusal the body earned, or
/// <see langword="null"/> when every file was received; failures of our own (the temporary files) still throw.
/// </summary>
internal sealed class UploadBodyReceiver
{
    private const int MaxNonFileSections = 32;
    private const int MaxFieldBytes = 64 * 1024;
    private const string RawFileNameHeader = "X-File-Name";
    private const string RawFileNameQuery = "filename";

    private readonly UploadSlotRecord _record;
    private readonly List<UploadedFile> _files;
    private readonly List<(FileStream Stream, string Path)> _tempFiles;
    private readonly string _tempDirectory;
    private long _totalBytes;

    public UploadBodyReceiver(UploadSlotRecord record, List<UploadedFile> files, List<(FileStream Stream, string Path)> tempFiles, string tempDirectory)
    {
        _record = record;
        _files = files;
        _tempFiles = tempFiles;
        _tempDirectory = tempDirectory;
    }

    /// <summary>Receives a raw body: one file, named by the <c>X-File-Name</c> header or the <c>filename</c> query parameter.</summary>
    /// <returns>The refusal, or <see langword="null"/> when the file was received.</returns>
    public async Task<UploadRefusal?> ReadRawAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        string? rawName;
        var header = request.Headers[RawFileNameHeader];
        var query = request.Query[RawFileNameQuery];
        if (header.Count > 1 || query.Count > 1 || (header.Count == 0 && query.Count == 0))
        {
            return UploadRefusal.BadFileName;
        }

        if (header.Count == 1)
        {
            try
            {
                rawName = Uri.UnescapeDataString(header.ToString());
            }
            catch (UriFormatException)
            {
                rawName = null;
            }
        }
        else
        {
            rawName = query.ToString();
        }

        var contentType = string.IsNullOrEmpty(request.ContentType) || request.ContentType.Length > 256
            ? "application/octet-stream"
            : request.ContentType;
        return await ReceiveFileAsync(rawName, contentType, null, request.Body, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Receives a <c>multipart/form-data</c> body: its file sections, other fields drained within small limits.</summary>
    /// <returns>The refusal, or <see langword="null"/> when every file section was received.</returns>
    public async Task<UploadRefusal?> ReadMultipartAsync(HttpRequest request, MediaTypeHeaderValue mediaType, CancellationToken cancellationToken)
    {
        var boundary = HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value;
        if (string.IsNullOrWhiteSpace(boundary) || boundary.Length > 70)
        {
            return UploadRefusal.MalformedBody;
        }

        var reader = new MultipartReader(boundary, request.Body);
        var otherSections = 0;
        var fieldBytes = 0L;
        while (true)
        {
            var (section, malformed) = await TryReadAsync(() => reader.ReadNextSectionAsync(cancellationToken), cancellationToken).ConfigureAwait(false);
            if (malformed)
            {
                return UploadRefusal.MalformedBody;
            }

            if (section is null)
            {
                return null;
            }

            if (ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                && disposition.IsFileDisposition())
            {
                var rawName = disposition.FileNameStar.HasValue
                    ? disposition.FileNameStar.Value
                    : HeaderUtilities.RemoveQuotes(disposition.FileName).Value;
                var contentType = string.IsNullOrEmpty(section.ContentType) || section.ContentType.Length > 256
                    ? "application/octet-stream"
                    : section.ContentType;
                var fieldName = HeaderUtilities.RemoveQuotes(disposition.Name).Value;
                if (await ReceiveFileAsync(rawName, contentType, fieldName, section.Body, cancellationToken).ConfigureAwait(false) is { } refusal)
                {
                    return refusal;
                }

                continue;
            }

            // Ordinary form fields are allowed and ignored, within small limits.
            if (++otherSections > MaxNonFileSections)
            {
                return UploadRefusal.MalformedBody;
            }

            var (drained, overBudget) = await DrainAsync(section.Body, MaxFieldBytes - fieldBytes, cancellationToken).ConfigureAwait(false);
            if (overBudget)
            {
                return UploadRefusal.MalformedBody;
            }

            fieldBytes += drained;
        }
    }

    /// <summary>
    /// Reads from the body; a truncated or malformed body (an <see cref="IOException"/> that is not a reset
    /// connection) is reported as malformed, so disk errors of our own temporary files stay apart.
    /// </summary>
    private static async Task<(T? Value, bool Malformed)> TryReadAsync<T>(Func<Task<T>> read, CancellationToken cancellationToken)
    {
        try
        {
            return (await read().ConfigureAwait(false), false);
        }
        catch (IOException ex) when (ex is not Microsoft.AspNetCore.Connections.ConnectionResetException && !cancellationToken.IsCancellationRequested)
        {
            return (default, true);
        }
    }

    // Reads a form field to its end; over the budget, or malformed, it is refused.
    private static async Task<(long Total, bool Refused)> DrainAsync(Stream body, long budget, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            long total = 0;
            while (true)
            {
                var (read, malformed) = await TryReadAsync(() => body.ReadAsync(buffer, cancellationToken).AsTask(), cancellationToken).ConfigureAwait(false);
                if (malformed || (total += read) > budget)
                {
                    return (total, true);
                }

                if (read == 0)
                {
                    return (total, false);
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async Task<UploadRefusal?> ReceiveFileAsync(string? rawName, string contentType, string? fieldName, Stream body, CancellationToken cancellationToken)
    {
        if (_files.Count >= _record.MaxFiles)
        {
            return UploadRefusal.TooManyFiles;
        }

        if (!UploadFolderPath.TrySanitizeFileName(rawName, out var fileName))
        {
            return UploadRefusal.BadFileName;
        }

        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        if (_record.AllowedExtensions.Count > 0 && !_record.AllowedExtensions.Contains(extension, StringComparer.Ordinal))
        {
            return UploadRefusal.ExtensionNotAllowed;
        }

        // A new file (never an existing name, so never a link planted there), private to the owner, kept open: the
        // handler reads these bytes through this handle, never by opening the path again.
        var tempPath = Path.Combine(_tempDirectory, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)) + ".upload");
        var fileOptions = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.ReadWrite,
            Share = FileShare.None,
            BufferSize = 0,
            Options = FileOptions.Asynchronous,
        };
        if (!OperatingSystem.IsWindows())
        {
            fileOptions.UnixCreateMode = UploadTempDirectory.TempFileMode;
        }

        var target = new FileStream(tempPath, fileOptions);
        _tempFiles.Add((target, tempPath));
        long length = 0;
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            while (true)
            {
                var (read, malformed) = await TryReadAsync(() => body.ReadAsync(buffer, cancellationToken).AsTask(), cancellationToken).ConfigureAwait(false);
                if (malformed)
                {
                    return UploadRefusal.MalformedBody;
                }

                if (read == 0)
                {
                    break;
                }

                length += read;
                _totalBytes += read;
                if (_totalBytes > _record.MaxBytes)
                {
                    return UploadRefusal.TooLarge;
                }

                await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        _files.Add(new UploadedFile(fileName, contentType, fieldName, length, target.SafeFileHandle));
        return null;
    }
}
