using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using TimeToken.Tests.TestSupport;

namespace TimeToken.Tests.Core.Hostile;

/// <summary>
/// Mutation fuzzing of the media gate: valid requests (signed links to every protected file, the public file) are
/// mutated with a fixed seed, sent, and checked against the corpus invariants: no protected marker unless a token
/// minted for that very file is still in the query, no status of 500 or more (or exception), and every refusal
/// identical.
/// </summary>
/// <remarks>
/// <para>
/// Default: 20,000 mutated requests in process through TestServer (a few seconds) plus a slice of one in twenty
/// (1,000) as raw bytes over sockets to Kestrel. For a long run by hand:
/// <c>TIMETOKEN_FUZZ_COUNT=1000000 dotnet test TimeToken.sln -c Release -- --filter-class "*GateFuzzTests"</c>;
/// <c>TIMETOKEN_FUZZ_SEED</c> picks another seed. A failure names the seed and the request.
/// </para>
/// </remarks>
public sealed class GateFuzzTests
{
    private const int DefaultCount = 20_000;
    private const int DefaultSeed = 20_260_301;

    private static readonly string[] s_insertions =
    [
        ".", "..", "/", "\\", "%", "%2e", "%2E", "%2f", "%2F", "%5c", "%00", "%0a", "%25", "%252e", "%c0%ae", "%ef%bc%8e", "%ef%bc%8f",
        "?", "&", "=", "#", ";", "[]", "tt=", "&tt=", "&tt", "TT=", "tt[]=", "public/", "../", "/..", "+", " ", "%20", "\u00e9", "\uff0e",
        "\u2024", "%e2%80%8b", "\u0000", "\t", "~", "*", "%41", ".bin", "vault/", "secret.txt",
    ];

    private static readonly string[] s_methods = ["GET", "GET", "GET", "HEAD", "POST", "PUT", "get", "OPTIONS", "DELETE"];

    private static readonly string[] s_ranges = ["bytes=0-10", "bytes=5-1", "bytes=0-0,2-2,4-4,0-", "bytes=-5", "bytes=999999-", "bytes=x"];

    private static int Count => int.TryParse(Environment.GetEnvironmentVariable("TIMETOKEN_FUZZ_COUNT"), NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count > 0 ? count : DefaultCount;

    private static int Seed => int.TryParse(Environment.GetEnvironmentVariable("TIMETOKEN_FUZZ_SEED"), NumberStyles.None, CultureInfo.InvariantCulture, out var seed) ? seed : DefaultSeed;

    [Fact]
    public async Task Fuzz_MutatedValidRequestsInProcess_KeepEveryInvariant()
    {
        await using var site = await HostileMediaSite.StartAsync(kestrel: false);
        var seeds = Seeds(site);
        var server = site.Site.App.GetTestServer();
        var refusal = await SendAsync(server, new FuzzRequest("GET", "/media/secret.txt", null));
        Assert.Equal(404, refusal.Status);
        var random = new Random(Seed);
        var requests = Enumerable.Range(0, Count).Select(i => Mutate(random, seeds[random.Next(seeds.Count)], i)).ToList();
        var served = 0;

        await Parallel.ForEachAsync(
            requests,
            new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = TestContext.Current.CancellationToken },
            async (request, _) =>
            {
                FuzzResponse response;
                try
                {
                    response = await SendAsync(server, request);
                }
                catch (Exception ex)
                {
                    Assert.Fail($"seed {Seed}: {request} threw {ex}");
                    return;
                }

                Check(site, request, response.Status, response.Headers, response.Body, response.Body, refusal);
                if (response.Status is 200 or 206)
                {
                    Interlocked.Increment(ref served);
                }
            });

        // The mutations must leave some requests valid, or the fuzzer only tests refusals.
        Assert.True(served > Count / 100, $"Only {served} of {Count} mutated requests were served.");
    }

    [Fact]
    public async Task Fuzz_MutatedRawBytesOverKestrel_KeepEveryInvariant()
    {
        await using var site = await HostileMediaSite.StartAsync();
        var seeds = Seeds(site);
        var random = new Random(Seed + 1);
        var count = Math.Max(50, Count / 20);
        var requests = Enumerable.Range(0, count).Select(i => Mutate(random, seeds[random.Next(seeds.Count)], i)).ToList();
        var refusal = new FuzzResponse(site.CanonicalRefusal.Status, site.CanonicalRefusal.HeaderSignature("Date"), site.CanonicalRefusal.Body);

        await Parallel.ForEachAsync(
            requests,
            new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = TestContext.Current.CancellationToken },
            async (request, cancellationToken) =>
            {
                var headers = request.Range is null ? string.Empty : $"Range: {request.Range}\r\n";
                if (request.Method is "POST" or "PUT")
                {
                    headers += "Content-Length: 0\r\n";
                }

                var response = await RawHttp.SendAsync(site.Address, request.Method, request.Target, headers, cancellationToken: cancellationToken);
                Assert.True(response.Status != 0, $"seed {Seed + 1}: {request}: no response.");
                Check(site, request, response.Status, response.HeaderSignature("Date"), response.Body, response.Raw, refusal);
            });
    }

    /// <summary>Valid requests: a signed link to each protected file (alone, with other parameters, as HEAD), and the public file.</summary>
    private static List<FuzzRequest> Seeds(HostileMediaSite site)
    {
        var seeds = new List<FuzzRequest>();
        foreach (var path in HostileMediaSite.ProtectedMarkers.Keys)
        {
            var token = site.Token(path);
            seeds.Add(new("GET", $"/media/{path}?tt={token}", null));
            seeds.Add(new("GET", $"/media/{path}?v=2&tt={token}&w=100", null));
            seeds.Add(new("HEAD", $"/media/{path}?tt={token}", null));
        }

        seeds.Add(new("GET", "/media/" + HostileMediaSite.PublicFile, null));
        return seeds;
    }

    private static FuzzRequest Mutate(Random random, FuzzRequest seed, int index)
    {
        var target = new StringBuilder(seed.Target);
        var method = seed.Method;
        string? range = null;
        var rounds = 1 + random.Next(4);
        for (var round = 0; round < rounds; round++)
        {
            var at = 1 + random.Next(target.Length - 1);
            switch (random.Next(11))
            {
                case 0 or 1:
                    target.Insert(at, s_insertions[random.Next(s_insertions.Length)]);
                    break;
                case 2:
                    target.Remove(at, Math.Min(1 + random.Next(6), target.Length - at));
                    break;
                case 3:
                    var length = Math.Min(1 + random.Next(12), target.Length - at);
                    target.Insert(at, target.ToString(at, length));
                    break;
                case 4:
                    target[at] = char.IsUpper(target[at]) ? char.ToLowerInvariant(target[at]) : char.ToUpperInvariant(target[at]);
                    break;
                case 5:
                    target[at] = (char)random.Next(0x20, 0x7f);
                    break;
                case 6:
                    var c = target[at];
                    target.Remove(at, 1).Insert(at, "%" + ((int)c & 0xff).ToString("X2", CultureInfo.InvariantCulture));
                    break;
                case 7:
                    target.Length = at;
                    break;
                case 8:
                    method = s_methods[random.Next(s_methods.Length)];
                    break;
                case 9:
                    range = s_ranges[random.Next(s_ranges.Length)];
                    break;
                default:
                    // Swap two of the token's characters, or splice a token of another file in.
                    var q = target.ToString().IndexOf("tt=", StringComparison.Ordinal);
                    if (q >= 0 && q + 20 < target.Length)
                    {
                        var i = q + 3 + random.Next(target.Length - q - 3);
                        var j = q + 3 + random.Next(target.Length - q - 3);
                        (target[i], target[j]) = (target[j], target[i]);
                    }

                    break;
            }

            if (target.Length < 2)
            {
                target.Clear().Append("/media/x");
            }
        }

        return new FuzzRequest(method, target.ToString(), range) { Index = index };
    }

    private static void Check(HostileMediaSite site, FuzzRequest request, int status, string headers, byte[] body, byte[] everything, FuzzResponse refusal)
    {
        Assert.True(status is >= 100 and < 500, $"seed {Seed}: {request}: status {status}.");
        var query = request.Target.Contains('?', StringComparison.Ordinal) ? request.Target[request.Target.IndexOf('?', StringComparison.Ordinal)..] : string.Empty;
        var decodedQuery = Uri.UnescapeDataString(query);
        foreach (var file in HostileMediaSite.LeakedFiles(everything))
        {
            // Tokens cannot be forged: a served marker needs a token minted for that file, left intact by the mutation.
            Assert.True(
                site.MintedTokens(file).Any(t => decodedQuery.Contains(t, StringComparison.Ordinal)),
                $"seed {Seed}: {request}: leaked the bytes of {file} (status {status}) without its token.");
        }

        if (status == refusal.Status)
        {
            Assert.True(body.Length == 0, $"seed {Seed}: {request}: a refusal with a body.");
            Assert.True(headers == refusal.Headers, $"seed {Seed}: {request}: refusal headers\n{headers}\nexpected\n{refusal.Headers}");
        }
    }

    private static async Task<FuzzResponse> SendAsync(TestServer server, FuzzRequest request)
    {
        var question = request.Target.IndexOf('?', StringComparison.Ordinal);
        var rawPath = question < 0 ? request.Target : request.Target[..question];
        var query = question < 0 ? string.Empty : request.Target[question..];

        // Half the time the path as a server decodes it (everything but %2F), half the time undecoded: the gate must
        // hold whatever a host hands it.
        var path = new PathString(rawPath);
        if (request.Index % 2 == 0)
        {
            try
            {
                path = PathString.FromUriComponent(rawPath);
            }
            catch (InvalidOperationException)
            {
                // An encoded NUL: Kestrel answers 400 before the application; the gate still gets the raw form.
            }
        }

        var context = await server.SendAsync(
            c =>
            {
                c.Request.Method = request.Method;
                c.Request.Path = path;
                c.Request.QueryString = new QueryString(query.Length <= 1 ? null : query);
                if (request.Range is not null)
                {
                    c.Request.Headers.Range = request.Range;
                }
            },
            TestContext.Current.CancellationToken);
        using var buffer = new MemoryStream();
        await context.Response.Body.CopyToAsync(buffer, TestContext.Current.CancellationToken);
        var headers = string.Join(
            "\n",
            context.Response.Headers.Select(h => h.Key.ToLowerInvariant() + ": " + h.Value).Order(StringComparer.Ordinal));
        return new FuzzResponse(context.Response.StatusCode, headers, buffer.ToArray());
    }

    private sealed record FuzzRequest(string Method, string Target, string? Range)
    {
        public int Index { get; init; }

        public override string ToString() => $"#{Index} {Method} {Target}{(Range is null ? string.Empty : " Range: " + Range)}";
    }

    private sealed record FuzzResponse(int Status, string Headers, byte[] Body);
}
