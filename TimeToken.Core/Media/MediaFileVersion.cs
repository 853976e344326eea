using System.Globalization;

namespace TimeToken.Core.Media;

/// <summary>
/// The version of a media file, the value every media token binds: its last write time to the tick and its length.
/// Two versions are equal when both are. <see cref="ToString"/> gives the text that goes into the signed message:
/// <c>{WriteTicks}-{Length}</c>, invariant culture.
/// </summary>
/// <remarks>
/// The write time keeps the full precision the store reports (100 ns ticks on a local file system, whole seconds on
/// stores that report only those, such as blob stores). Not bound: the content itself. A file replaced by one of the
/// same length with the same write time to the tick (<c>cp -p</c>, <c>rsync -t</c>, <c>touch -r</c>) keeps its links.
/// </remarks>
public readonly struct MediaFileVersion : IEquatable<MediaFileVersion>
{
    private readonly string? _text;

    /// <summary>The version of a file written at <paramref name="lastModifiedUtc"/> with <paramref name="length"/> bytes.</summary>
    /// <param name="lastModifiedUtc">The last write time; not before the unix epoch.</param>
    /// <param name="length">The length in bytes; not negative.</param>
    /// <exception cref="ArgumentOutOfRangeException">The time is before 1970 or the length negative: no file's version.</exception>
    public MediaFileVersion(DateTimeOffset lastModifiedUtc, long length)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(lastModifiedUtc, DateTimeOffset.UnixEpoch);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        WriteTicks = lastModifiedUtc.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        Length = length;
        _text = string.Create(CultureInfo.InvariantCulture, $"{WriteTicks}-{length}");
    }

    /// <summary>The last write time in 100 ns ticks since the unix epoch.</summary>
    public long WriteTicks { get; }

    /// <summary>The length in bytes.</summary>
    public long Length { get; }

    /// <summary>The last write time.</summary>
    public DateTimeOffset LastModifiedUtc => DateTimeOffset.UnixEpoch.AddTicks(WriteTicks);

    /// <summary>Whether a store's answer describes a file that has a version (exists, length and time possible).</summary>
    /// <param name="info">The store's answer.</param>
    /// <param name="version">The version, when there is one.</param>
    /// <returns><see langword="false"/> for a missing file or an impossible answer (negative length, time before 1970).</returns>
    public static bool TryCreate(MediaFileInfo info, out MediaFileVersion version)
    {
        version = default;
        if (!info.Exists || info.Length < 0 || info.LastModifiedUtc < DateTimeOffset.UnixEpoch)
        {
            return false;
        }

        version = new MediaFileVersion(info.LastModifiedUtc, info.Length);
        return true;
    }

    /// <summary>Whether the file was written after <paramref name="unixSeconds"/> (a link's issue time).</summary>
    /// <param name="unixSeconds">A time in unix seconds.</param>
    /// <returns>Whether the write time lies after it.</returns>
    public bool IsWrittenAfter(long unixSeconds) => WriteTicks > unixSeconds * TimeSpan.TicksPerSecond;

    /// <summary>Whether two versions are equal.</summary>
    public static bool operator ==(MediaFileVersion left, MediaFileVersion right) => left.Equals(right);

    /// <summary>Whether two versions differ.</summary>
    public static bool operator !=(MediaFileVersion left, MediaFileVersion right) => !left.Equals(right);

    /// <inheritdoc/>
    public bool Equals(MediaFileVersion other) => WriteTicks == other.WriteTicks && Length == other.Length;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is MediaFileVersion other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(WriteTicks, Length);

    /// <summary>The text bound into tokens: <c>{WriteTicks}-{Length}</c>, invariant culture.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => _text ?? "0-0";
}
