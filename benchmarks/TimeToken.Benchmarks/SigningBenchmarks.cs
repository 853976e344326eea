using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using TimeToken.Core.Media;
using TimeToken.Core.Signing;

namespace TimeToken.Benchmarks;

/// <summary>
/// Signing and verifying one media token against the BCL's HMAC-SHA256 over the same 100 canonical bytes.
/// The baseline is a reused <see cref="IncrementalHash"/> (on .NET 10 / Linux the fastest HMAC the BCL offers,
/// ahead of a reused <see cref="HMACSHA256"/> instance); the reused HMACSHA256 and the one-shot
/// <see cref="HMACSHA256.HashData(byte[], byte[])"/> are reported beside it. Ratios are against the baseline.
/// </summary>
[MemoryDiagnoser]
public class SigningBenchmarks
{
    private readonly byte[] _mac = new byte[32];
    private readonly byte[] _expectedMac = new byte[32];
    private SigningKey _key = null!;
    private SigningKey _otherTenantKey = null!;
    private byte[] _keyBytes = null!;
    private byte[] _message = null!;
    private HMACSHA256 _hmac = null!;
    private IncrementalHash _incremental = null!;
    private string _token = null!;
    private TokenText _parsed;
    private ServiceProvider _services = null!;
    private IMediaUrlSigner _signer = null!;

    [GlobalSetup]
    public void Setup()
    {
        _key = BenchmarkData.CreateKey();
        _otherTenantKey = SigningKey.Create(TimeProvider.System);
        _keyBytes = _key.Material.ToArray();
        _message = TokenSigner.CanonicalMessage(TokenPurpose.Media, _key.Id, BenchmarkData.Subject, BenchmarkData.Version, BenchmarkData.Expiry);
        if (_message.Length != 100)
        {
            throw new InvalidOperationException($"The canonical message is {_message.Length} bytes, not 100.");
        }

        _hmac = new HMACSHA256(_keyBytes);
        _incremental = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, _keyBytes);
        _token = TokenSigner.Sign(TokenPurpose.Media, _key, BenchmarkData.Subject, BenchmarkData.Version, BenchmarkData.Expiry);

        _ = TokenText.TryParse(_token, out _parsed);
        _services = BenchmarkData.CreateServices(new FixedFileInfoSource());
        _signer = _services.GetRequiredService<IMediaUrlSigner>();
        if (SignPath() is not { } url || !url.Contains("?tt=", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("The media URL was not signed.");
        }

        // The MAC the baseline computes must be the one in the token, or the comparison means nothing.
        var expected = System.Buffers.Text.Base64Url.EncodeToString(HMACSHA256.HashData(_keyBytes, _message));
        if (!_token.EndsWith(expected, StringComparison.Ordinal) || !Verify())
        {
            throw new InvalidOperationException("The token does not carry the baseline's MAC.");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _hmac.Dispose();
        _incremental.Dispose();
        _services.Dispose();
    }

    /// <summary>A reused HMACSHA256 instance over the canonical bytes (not thread-safe, unlike the signer).</summary>
    [Benchmark(Description = "BCL reused HMACSHA256")]
    public bool ReusedHmacSha256() => _hmac.TryComputeHash(_message, _mac, out _);

    /// <summary>A reused IncrementalHash over the canonical bytes.</summary>
    [Benchmark(Baseline = true, Description = "BCL reused IncrementalHash")]
    public int ReusedIncrementalHash()
    {
        _incremental.AppendData(_message);
        return _incremental.GetHashAndReset(_mac);
    }

    /// <summary>The one-shot static HMACSHA256.HashData (keys the HMAC on every call).</summary>
    [Benchmark(Description = "BCL one-shot HMACSHA256.HashData")]
    public int OneShotHashData() => HMACSHA256.HashData(_keyBytes, _message, _mac);

    /// <summary>The constant-time comparison of two 32-byte MACs that VerifyMac makes (deliberately unoptimised code).</summary>
    [Benchmark(Description = "BCL FixedTimeEquals, 32 bytes (part of verify)")]
    public bool FixedTimeEquals32() => CryptographicOperations.FixedTimeEquals(_mac, _expectedMac);

    /// <summary>TokenSigner.Sign: canonical message, HMAC, token text.</summary>
    [Benchmark(Description = "TokenSigner.Sign (one media token)")]
    public string Sign() => TokenSigner.Sign(TokenPurpose.Media, _key, BenchmarkData.Subject, BenchmarkData.Version, BenchmarkData.Expiry);

    /// <summary>
    /// Two tokens of two tenants' keys, one after the other on the same thread, as a multi-tenant site renders; compare
    /// with twice <see cref="Sign"/>. Keyed state per thread would re-key on every call here.
    /// </summary>
    [Benchmark(Description = "TokenSigner.Sign x2, two tenants' keys alternating")]
    public int SignTwoTenants() =>
        TokenSigner.Sign(TokenPurpose.Media, _key, BenchmarkData.Subject, BenchmarkData.Version, BenchmarkData.Expiry).Length
        + TokenSigner.Sign(TokenPurpose.Media, _otherTenantKey, BenchmarkData.Subject, BenchmarkData.Version, BenchmarkData.Expiry).Length;

    /// <summary>Parses a token and checks its MAC, as the gate does after finding the key.</summary>
    [Benchmark(Description = "TokenText.TryParse + TokenSigner.VerifyMac")]
    public bool Verify() =>
        TokenText.TryParse(_token, out var token)
        && TokenSigner.VerifyMac(TokenPurpose.Media, _key, BenchmarkData.Subject, BenchmarkData.Version, token);

    /// <summary>Checks the MAC of a token parsed beforehand.</summary>
    [Benchmark(Description = "TokenSigner.VerifyMac (token parsed)")]
    public bool VerifyMac() => TokenSigner.VerifyMac(TokenPurpose.Media, _key, BenchmarkData.Subject, BenchmarkData.Version, _parsed);

    /// <summary>
    /// MediaUrlSigner.Sign: the whole URL of a protected file (path check, version from the warm cache,
    /// expiry, token, query parameter), as the Liquid filter and Razor helpers get it.
    /// </summary>
    [Benchmark(Description = "MediaUrlSigner.Sign (whole URL, version warm)")]
    public string? SignPath() => _signer.Sign(MediaUrlRequest.ForPath(BenchmarkData.Subject)).Url;

    /// <summary>Says every file exists, with the fixed version of <see cref="BenchmarkData.Version"/>.</summary>
    private sealed class FixedFileInfoSource : IMediaFileInfoSource
    {
        public ValueTask<MediaFileInfo> GetFileInfoAsync(string normalizedPath, CancellationToken cancellationToken) =>
            ValueTask.FromResult(new MediaFileInfo(true, DateTimeOffset.FromUnixTimeSeconds(1_764_000_000), 4096));
    }
}
