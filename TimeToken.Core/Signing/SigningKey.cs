using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json.Serialization;

namespace TimeToken.Core.Signing;

/// <summary>
/// One HMAC-SHA256 key of a <see cref="KeyRing"/>: 256 random bits, a short public id that travels in every token,
/// its creation time, and the time it stopped signing.
/// </summary>
/// <remarks>
/// Security: the key material must never be logged or displayed. <see cref="ToString"/> shows only the id.
/// Serialise a key only into storage that is itself protected (the Orchard module encrypts the material with the
/// tenant's Data Protection before it reaches the site settings).
/// </remarks>
internal sealed class SigningKey
{
    /// <summary>The size of the key material, in bytes (256 bits).</summary>
    public const int KeySizeInBytes = 32;

    /// <summary>The length of a key id: 8 base64url characters (48 random bits).</summary>
    public const int IdLength = 8;

    // Enough for every thread that signs at once on a busy node.
    private static readonly int MaxPooledHmacs = Environment.ProcessorCount * 4;

    private readonly byte[] _material;

    // Keyed HMAC instances of this key, reused across calls and threads: one is taken per MAC and given back.
    private readonly ConcurrentQueue<IncrementalHash> _hmacs = new();

    /// <summary>Creates a key from stored parts.</summary>
    /// <param name="id">The key id: exactly <see cref="IdLength"/> base64url characters.</param>
    /// <param name="material">The key material: exactly <see cref="KeySizeInBytes"/> bytes. It is copied.</param>
    /// <param name="createdAt">When the key was made.</param>
    /// <param name="retiredAt">When the key stopped being the active key, or <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">The id or the material has the wrong shape.</exception>
    [JsonConstructor]
    public SigningKey(string id, ReadOnlyMemory<byte> material, DateTimeOffset createdAt, DateTimeOffset? retiredAt = null)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (!IsValidId(id))
        {
            throw new ArgumentException($"A key id is {IdLength} base64url characters.", nameof(id));
        }

        if (material.Length != KeySizeInBytes)
        {
            throw new ArgumentException($"A key is {KeySizeInBytes} bytes.", nameof(material));
        }

        Id = id;
        _material = material.ToArray();
        CreatedAt = createdAt;
        RetiredAt = retiredAt;
    }

    /// <summary>The public key id carried by every token this key signs.</summary>
    public string Id { get; }

    /// <summary>
    /// The secret key material (256 bits). Never log or display it. Internal: only the signer and the protected
    /// storage of the ring (<see cref="KeyRingProtector"/>, which serialises it) read it.
    /// </summary>
    [JsonInclude]
    internal ReadOnlyMemory<byte> Material => _material;

    /// <summary>When the key was created.</summary>
    public DateTimeOffset CreatedAt { get; }

    /// <summary>
    /// When the key stopped being the active key; <see langword="null"/> while it is active. A retired key still
    /// verifies during the grace period of <see cref="KeyRing"/>, then it is dropped.
    /// </summary>
    public DateTimeOffset? RetiredAt { get; }

    /// <summary>Creates a fresh random key.</summary>
    /// <param name="timeProvider">The clock that stamps the creation time.</param>
    /// <returns>A new, active key.</returns>
    public static SigningKey Create(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        Span<byte> idBytes = stackalloc byte[6];
        RandomNumberGenerator.Fill(idBytes);
        var material = RandomNumberGenerator.GetBytes(KeySizeInBytes);
        return new SigningKey(Base64Url.Encode(idBytes), material, timeProvider.GetUtcNow());
    }

    /// <summary>Whether <paramref name="id"/> has the shape of a key id.</summary>
    /// <param name="id">The candidate id.</param>
    /// <returns><see langword="true"/> for exactly <see cref="IdLength"/> base64url characters.</returns>
    public static bool IsValidId(ReadOnlySpan<char> id) => id.Length == IdLength && Base64Url.IsAlphabet(id);

    /// <summary>Returns a copy of this key marked as retired at <paramref name="retiredAt"/>.</summary>
    /// <param name="retiredAt">When the key stopped signing.</param>
    /// <returns>The retired copy.</returns>
    public SigningKey Retire(DateTimeOffset retiredAt) => new(Id, _material, CreatedAt, RetiredAt ?? retiredAt);

    /// <summary>Takes a keyed HMAC-SHA256 instance of this key; give it back with <see cref="ReturnHmac"/>.</summary>
    internal IncrementalHash RentHmac() =>
        _hmacs.TryDequeue(out var hmac) ? hmac : IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, _material);

    /// <summary>Gives back an instance from <see cref="RentHmac"/>, reset; a few are kept, the others disposed.</summary>
    internal void ReturnHmac(IncrementalHash hmac)
    {
        if (_hmacs.Count < MaxPooledHmacs)
        {
            _hmacs.Enqueue(hmac);
        }
        else
        {
            hmac.Dispose();
        }
    }

    /// <summary>Shows the key id only, never the material.</summary>
    /// <returns>A text such as <c>SigningKey(AbCd12_-)</c>.</returns>
    public override string ToString() => $"SigningKey({Id})";
}
