using System.Text;
using Microsoft.Extensions.DependencyInjection;
using TimeToken.Core.Media;
using TimeToken.Core.Signing;
using TimeToken.Tests.Core.Media;
using TimeToken.Tests.TestSupport;

namespace TimeToken.Tests.Core.Hostile;

/// <summary>What a hostile request may get.</summary>
internal enum Expect
{
    /// <summary>Exactly the gate's refusal: the failure status, an empty body and the refusal's header set.</summary>
    Refused,

    /// <summary>
    /// No file served: the gate's refusal, Kestrel refusing the request line or headers before the application (400,
    /// 414, 431), or a public-folder path with no file behind it reaching the end of the pipeline (<see cref="MediaSite"/>
    /// answers <see cref="HostileMediaSite.FallthroughStatus"/> there, where Orchard would answer 404).
    /// </summary>
    Denied,

    /// <summary>A valid link: any status below 500; the marker of <see cref="HostileCase.AllowedFile"/> may appear.</summary>
    Served,

    /// <summary>Only the invariants that hold for every request.</summary>
    Any,
}

/// <summary>One request of the hostile corpus.</summary>
internal sealed record HostileCase(string Group, string Method, string Target, Expect Expect, string? AllowedFile = null, string Headers = "")
{
    public override string ToString() => $"[{Group}] {Method} {Target} {Headers.Replace("\r\n", " | ", StringComparison.Ordinal)}";
}

/// <summary>
/// A <see cref="MediaSite"/> (the gate in front of StaticFiles over a temp folder) with extra protected files, each
/// holding a unique marker, so a leak of any protected byte sequence shows in a response. Also holds the invariants
/// every hostile request is checked against.
/// </summary>
internal sealed class HostileMediaSite : IAsyncDisposable
{
    /// <summary>Protected files (path → marker). The markers occur nowhere else: not in paths, tokens or headers.</summary>
    public static readonly IReadOnlyDictionary<string, string> ProtectedMarkers = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["secret.txt"] = MediaSite.SecretMarker,
        ["vault/alpha.bin"] = "HOSTILE-MARKER-ALPHA-91c3",
        ["vault/beta.bin"] = "HOSTILE-MARKER-BETA-4be0",
        ["publicly.txt"] = "HOSTILE-MARKER-PREFIX-77aa",
        ["public-archive/old.txt"] = "HOSTILE-MARKER-ARCHIVE-0d2f",
        ["publicfile.txt"] = "HOSTILE-MARKER-NOSEP-5e19",
    };

    public const string PublicFile = "public/open.txt";

    /// <summary>What <see cref="MediaSite"/> answers when no middleware served the request.</summary>
    public const int FallthroughStatus = 299;
    public const string PublicContent = "plain public content";

    private static readonly Dictionary<string, byte[]> s_markerBytes = ProtectedMarkers.ToDictionary(p => p.Key, p => Encoding.ASCII.GetBytes(p.Value), StringComparer.Ordinal);

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, System.Collections.Concurrent.ConcurrentBag<string>> _minted = new(StringComparer.Ordinal);

    private HostileMediaSite(MediaSite site) => Site = site;

    public MediaSite Site { get; }

    public Uri Address => Site.Address!;

    /// <summary>The gate's refusal to a GET, captured from a request for a protected file without a token.</summary>
    public RawResponse CanonicalRefusal { get; private set; } = null!;

    public string RefusalHeaders { get; private set; } = string.Empty;

    /// <summary>A retired key whose grace period is over, still in the ring.</summary>
    public SigningKey RetiredKey { get; private set; } = null!;

    public SigningKey ActiveKey => Site.Keys.Ring.Active;

    public static async Task<HostileMediaSite> StartAsync(bool kestrel = true, Action<IServiceCollection>? services = null, Action<Microsoft.AspNetCore.Builder.WebApplication>? beforeGate = null, IMediaFileInfoSource? source = null)
    {
        var site = await MediaSite.StartAsync(kestrel: kestrel, services: services, beforeGate: beforeGate, source: source);
        foreach (var (path, marker) in ProtectedMarkers)
        {
            if (path != "secret.txt")
            {
                // Filler on both sides, so a range or a partial read could cut a marker only on purpose.
                MediaSite.WriteFile(site.Root, path, new string('a', 100) + marker + new string('z', 4000) + marker);
            }
        }

        MediaSite.WriteFile(site.Root, PublicFile, PublicContent);
        var retired = new SigningKey("retired1", new byte[SigningKey.KeySizeInBytes], MediaSite.Start.AddDays(-30), MediaSite.Start.AddDays(-20));
        // A fixed key, so a failing fuzz case prints the same request on every run.
        var active = new SigningKey("hostile1", Enumerable.Range(1, SigningKey.KeySizeInBytes).Select(i => (byte)i).ToArray(), MediaSite.Start.AddDays(-1));
        site.Keys.Ring = new KeyRing([active, retired]);
        var hostile = new HostileMediaSite(site) { RetiredKey = retired };
        if (kestrel)
        {
            hostile.CanonicalRefusal = await RawHttp.SendAsync(hostile.Address, "GET", "/media/secret.txt", cancellationToken: TestContext.Current.CancellationToken);
            Assert.Equal(404, hostile.CanonicalRefusal.Status);
            hostile.RefusalHeaders = hostile.CanonicalRefusal.HeaderSignature("Date");
        }

        return hostile;
    }

    /// <summary>The token the signer issues now for <paramref name="path"/>.</summary>
    public string Token(string path)
    {
        var url = Site.Signer.SignPath(path)!;
        var token = url[(url.IndexOf("?tt=", StringComparison.Ordinal) + 4)..];
        _minted.GetOrAdd(path, _ => []).Add(token);
        return token;
    }

    /// <summary>The tokens <see cref="Token"/> issued for <paramref name="path"/>.</summary>
    public IEnumerable<string> MintedTokens(string path) => _minted.TryGetValue(path, out var tokens) ? tokens : [];

    /// <summary>The current version string of a file, as the gate computes it.</summary>
    public string Version(string path) => Site.Versions.GetVersionAsync(path, CancellationToken.None).AsTask().GetAwaiter().GetResult()!.Value.ToString();

    /// <summary>A token with a correct MAC over any fields: what a holder of the key could make, to test every other check.</summary>
    public string Forge(string path, TokenPurpose purpose = TokenPurpose.Media, string? version = null, long? expiry = null, SigningKey? key = null) =>
        TokenSigner.Sign(purpose, key ?? ActiveKey, path, version ?? Version(path), expiry ?? DefaultExpiry);

    public long DefaultExpiry => Site.Signer.GetExpiry().ToUnixTimeSeconds();

    public long Now => Site.Time.GetUtcNow().ToUnixTimeSeconds();

    /// <summary>The protected files whose marker occurs in <paramref name="response"/>.</summary>
    public static IEnumerable<string> LeakedFiles(byte[] response)
    {
        foreach (var (path, marker) in s_markerBytes)
        {
            if (response.AsSpan().IndexOf(marker) >= 0)
            {
                yield return path;
            }
        }
    }

    /// <summary>Checks a Kestrel response against the invariants and the case's expectation.</summary>
    public void AssertInvariants(HostileCase @case, RawResponse response)
    {
        var leaked = LeakedFiles(response.Raw).Where(f => f != @case.AllowedFile).ToList();
        Assert.True(leaked.Count == 0, $"{@case}: leaked the bytes of {string.Join(", ", leaked)} (status {response.Status}).");
        Assert.True(response.Status is >= 100 and < 500, $"{@case}: status {response.Status}.");
        if (response.Status == CanonicalRefusal.Status)
        {
            AssertCanonicalRefusal(@case, response);
        }

        switch (@case.Expect)
        {
            case Expect.Refused:
                Assert.True(response.Status == CanonicalRefusal.Status, $"{@case}: expected the refusal, got {response.Status}.");
                break;
            case Expect.Denied:
                Assert.True(
                    response.Status == CanonicalRefusal.Status || response.Status is 400 or 414 or 431 or FallthroughStatus,
                    $"{@case}: expected a refusal, got {response.Status}.");
                break;
            case Expect.Served:
                Assert.True(response.Status is >= 200 and < 500 and not FallthroughStatus && response.Status != CanonicalRefusal.Status, $"{@case}: expected the file, got {response.Status}.");
                break;
        }
    }

    private void AssertCanonicalRefusal(HostileCase @case, RawResponse response)
    {
        Assert.True(response.Body.Length == 0, $"{@case}: a refusal with a body.");
        Assert.True(
            RefusalHeaders == response.HeaderSignature("Date"),
            $"{@case}: refusal headers differ:\n{response.HeaderSignature("Date")}\nexpected\n{RefusalHeaders}");
    }

    public async Task<RawResponse> SendAsync(HostileCase @case) =>
        await RawHttp.SendAsync(Address, @case.Method, @case.Target, @case.Headers, cancellationToken: TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync() => await Site.DisposeAsync();
}
