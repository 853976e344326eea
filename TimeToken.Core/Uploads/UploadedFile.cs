using Microsoft.Win32.SafeHandles;

namespace TimeToken.Core.Uploads;

/// <summary>One uploaded file, kept in a temporary file until the handler returns.</summary>
public sealed class UploadedFile
{
    private readonly string? _tempPath;
    private readonly SafeFileHandle? _handle;

    /// <summary>Describes a file already stored at <paramref name="tempPath"/> (tests and custom hosts may do this).</summary>
    /// <param name="fileName">The sanitised file name.</param>
    /// <param name="contentType">The declared content type.</param>
    /// <param name="fieldName">The form field name, or <see langword="null"/> for a raw body.</param>
    /// <param name="length">The length in bytes.</param>
    /// <param name="tempPath">The full path of the stored content.</param>
    /// <remarks>
    /// <see cref="OpenReadStream"/> then opens the path each time. The upload endpoint never does: it hands handlers
    /// the handle that received the bytes.
    /// </remarks>
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

    /// <summary>Describes a file received through <paramref name="handle"/>; the endpoint owns and closes the handle.</summary>
    internal UploadedFile(string fileName, string contentType, string? fieldName, long length, SafeFileHandle handle)
    {
        FileName = fileName;
        ContentType = contentType;
        FieldName = fieldName;
        Length = length;
        _handle = handle;
    }

    /// <summary>
    /// The client's file name, reduced to its last path segment and checked by the media gate's path rules (see
    /// <see cref="Media.MediaPath.TryNormalizeFileName"/>). Still client data: check it before using it as a path.
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

    /// <summary>
    /// Opens a new read-only stream over the received bytes, positioned at the start. Dispose it; it is valid until
    /// the handler returns. Each stream has its own position, so a handler may open several.
    /// </summary>
    /// <returns>The stream.</returns>
    /// <remarks>
    /// Security: for an upload received by the endpoint, the stream reads the handle that received the bytes; the
    /// temporary file is never opened again by its path, so replacing the path (with a link to another file, say)
    /// cannot change what the handler reads.
    /// </remarks>
    public Stream OpenReadStream() => _handle is not null
        ? new HandleReadStream(_handle, Length)
        : new FileStream(_tempPath!, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 81920, FileOptions.Asynchronous | FileOptions.SequentialScan);

    /// <summary>A read-only stream over the first <c>length</c> bytes of a file handle, with its own position.</summary>
    private sealed class HandleReadStream : Stream
    {
        private readonly SafeFileHandle _handle;
        private readonly long _length;
        private long _position;

        public HandleReadStream(SafeFileHandle handle, long length)
        {
            _handle = handle;
            _length = length;
        }

        public override bool CanRead => true;

        public override bool CanSeek => true;

        public override bool CanWrite => false;

        public override long Length => _length;

        public override long Position
        {
            get => _position;
            set => _position = Math.Clamp(value, 0, _length);
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var wanted = (int)Math.Min(buffer.Length, _length - _position);
            if (wanted <= 0)
            {
                return 0;
            }

            var read = RandomAccess.Read(_handle, buffer[..wanted], _position);
            _position += read;
            return read;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var wanted = (int)Math.Min(buffer.Length, _length - _position);
            if (wanted <= 0)
            {
                return 0;
            }

            var read = await RandomAccess.ReadAsync(_handle, buffer[..wanted], _position, cancellationToken).ConfigureAwait(false);
            _position += read;
            return read;
        }

        public override long Seek(long offset, SeekOrigin origin)
        {
            Position = origin switch
            {
                SeekOrigin.Begin => offset,
                SeekOrigin.Current => _position + offset,
                SeekOrigin.End => _length + offset,
                _ => throw new ArgumentOutOfRangeException(nameof(origin)),
            };
            return _position;
        }

        public override void Flush()
        {
        }

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
