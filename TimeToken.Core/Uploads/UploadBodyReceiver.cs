using System.Buffers;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace TimeToken.Core.Uploads;

/// <summary>
/// Streams the file bodies of one upload (a raw body named by <c>X-File-Name</c>, or <c>multipart/form-data</c>) into
/// new private temporary files while it counts bytes and files; refuses with <see cref="BodyRefusedException"/>.
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

    public async Task ReadRawAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        string? rawName;
        var header = request.Headers[RawFileNameHeader];
        var query = request.Query[RawFileNameQuery];
        if (header.Count > 1 || query.Count > 1 || (header.Count == 0 && query.Count == 0))
        {
            throw new BodyRefusedException(UploadRefusal.BadFileName);
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
        await ReceiveFileAsync(rawName, contentType, null, request.Body, cancellationToken).ConfigureAwait(false);
    }

    public async Task ReadMultipartAsync(HttpRequest request, MediaTypeHeaderValue mediaType, CancellationToken cancellationToken)
    {
        var boundary = HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value;
        if (string.IsNullOrWhiteSpace(boundary) || boundary.Length > 70)
        {
            throw new BodyRefusedException(UploadRefusal.MalformedBody);
        }

        var reader = new MultipartReader(boundary, request.Body);
        var otherSections = 0;
        var fieldBytes = 0L;
        while (await ReadAsync(() => reader.ReadNextSectionAsync(cancellationToken), cancellationToken).ConfigureAwait(false) is { } section)
        {
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
                await ReceiveFileAsync(rawName, contentType, fieldName, section.Body, cancellationToken).ConfigureAwait(false);
                continue;
            }

            // Ordinary form fields are allowed and ignored, within small limits.
            if (++otherSections > MaxNonFileSections)
            {
                throw new BodyRefusedException(UploadRefusal.MalformedBody);
            }

            fieldBytes += await DrainAsync(section.Body, MaxFieldBytes - fieldBytes, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Reads from the body; a truncated or malformed body (an <see cref="IOException"/> that is not a reset
    /// connection) becomes a 400 refusal, so disk errors of our own temporary files stay apart.
    /// </summary>
    private static async Task<T> ReadAsync<T>(Func<Task<T>> read, CancellationToken cancellationToken)
    {
        try
        {
            return await read().ConfigureAwait(false);
        }
        catch (IOException ex) when (ex is not Microsoft.AspNetCore.Connections.ConnectionResetException && !cancellationToken.IsCancellationRequested)
        {
            throw new BodyRefusedException(UploadRefusal.MalformedBody);
        }
    }

    private static async Task<long> DrainAsync(Stream body, long budget, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            long total = 0;
            int read;
            while ((read = await ReadAsync(() => body.ReadAsync(buffer, cancellationToken).AsTask(), cancellationToken).ConfigureAwait(false)) > 0)
            {
                total += read;
                if (total > budget)
                {
                    throw new BodyRefusedException(UploadRefusal.MalformedBody);
                }
            }

            return total;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async Task ReceiveFileAsync(string? rawName, string contentType, string? fieldName, Stream body, CancellationToken cancellationToken)
    {
        if (_files.Count >= _record.MaxFiles)
        {
            throw new BodyRefusedException(UploadRefusal.TooManyFiles);
        }

        if (!UploadFolderPath.TrySanitizeFileName(rawName, out var fileName))
        {
            throw new BodyRefusedException(UploadRefusal.BadFileName);
        }

        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        if (_record.AllowedExtensions.Count > 0 && !_record.AllowedExtensions.Contains(extension, StringComparer.Ordinal))
        {
            throw new BodyRefusedException(UploadRefusal.ExtensionNotAllowed);
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
            int read;
            while ((read = await ReadAsync(() => body.ReadAsync(buffer, cancellationToken).AsTask(), cancellationToken).ConfigureAwait(false)) > 0)
            {
                length += read;
                _totalBytes += read;
                if (_totalBytes > _record.MaxBytes)
                {
                    throw new BodyRefusedException(UploadRefusal.TooLarge);
                }

                await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        _files.Add(new UploadedFile(fileName, contentType, fieldName, length, target.SafeFileHandle));
    }
}

/// <summary>An upload refused by its body; <see cref="UploadAnswers"/> gives the answer.</summary>
internal sealed class BodyRefusedException : Exception
{
    public BodyRefusedException(UploadRefusal refusal)
        : base(refusal.ToString())
    {
        Refusal = refusal;
    }

    public UploadRefusal Refusal { get; }
}
