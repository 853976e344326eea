using System.Text;
using TimeToken.Core.Signing;
using TimeToken.Tests.Core.Uploads;
using TimeToken.Tests.TestSupport;

namespace TimeToken.Tests.Core.Hostile;

/// <summary>One Kestrel site with marker files, and the corpus built against its keys and clock.</summary>
public sealed class HostileSiteFixture : IAsyncLifetime
{
    internal HostileMediaSite Site { get; private set; } = null!;

    internal IReadOnlyList<HostileCase> Corpus { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Site = await HostileMediaSite.StartAsync();
        Corpus = HostileCorpus.Build(Site);
    }

    public async ValueTask DisposeAsync() => await Site.DisposeAsync();
}

/// <summary>
/// The hostile URL corpus, sent as raw bytes to the media gate on Kestrel in front of StaticFiles over real files. For
/// every request: no protected marker unless the token is valid for that file, no status of 500 or more, and every
/// refusal of the gate has the same status, an empty body and the same headers (Date aside).
/// </summary>
public sealed class HostileUrlCorpusTests : IClassFixture<HostileSiteFixture>
{
    private static readonly string[] s_groups = ["S01", "S02", "S04", "S05", "S06", "S07", "S08", "S09", "S11", "S13", "S21"];

    private readonly HostileSiteFixture _fixture;

    public HostileUrlCorpusTests(HostileSiteFixture fixture) => _fixture = fixture;

    [Fact]
    public void Corpus_Size_IsAtLeast300Requests()
    {
        TestContext.Current.TestOutputHelper?.WriteLine($"The corpus holds {_fixture.Corpus.Count} requests.");
        Assert.True(_fixture.Corpus.Count >= 300, $"The corpus holds {_fixture.Corpus.Count} requests.");
        Assert.All(s_groups, g => Assert.Contains(_fixture.Corpus, c => c.Group == g));
    }

    [Fact]
    public Task Control_ValidLinksAndPublicFolder_AreServed() => RunGroupAsync("control");

    [Fact]
    public Task S01_TruncatedPaddedOrNonBase64Mac_RefusedIdentically() => RunGroupAsync("S01");

    [Fact]
    public Task S02_UnknownOrRetiredKeyId_RefusedIdentically() => RunGroupAsync("S02");

    [Fact]
    public Task S04_TokenMovedBetweenPathsOrVersions_RefusedIdentically() => RunGroupAsync("S04");

    [Fact]
    public Task S05_MethodsOtherThanGetAndHead_NeverServeProtectedBytes() => RunGroupAsync("S05");

    [Fact]
    public Task S06_DuplicateArrayEmptyOrCaseVariantParameter_RefusedIdentically() => RunGroupAsync("S06");

    [Fact]
    public Task S07_TraversalBeforeNormalisation_NeverReachesProtectedBytes() => RunGroupAsync("S07");

    [Fact]
    public Task S08_ExpiredFarFutureOrNonNumericExpiry_RefusedIdentically() => RunGroupAsync("S08");

    [Fact]
    public Task S09_AbsoluteTargetOrForwardedHost_GrantsNothing() => RunGroupAsync("S09");

    [Fact]
    public Task S11_OverLongInputOrHostileRanges_BoundedAndNever500() => RunGroupAsync("S11");

    [Fact]
    public Task S21_IssueTimeTokensLateMovedOrAltered_RefusedIdentically() => RunGroupAsync("S21");

    [Fact]
    public Task S13_UploadTokenOnMedia_RefusedIdentically() => RunGroupAsync("S13");

    [Fact]
    public async Task S13_MediaTokenOnUploadSlot_RefusedLikeAnyBadSlot()
    {
        await using var host = await UploadTestHost.StartAsync();
        var slot = await host.CreateAsync();
        var slotId = slot.Url.Split('/')[^2];
        var key = host.KeyRing.Active;
        var expiry = long.Parse(slot.Url.Split('/')[^1].Split('.')[1], System.Globalization.CultureInfo.InvariantCulture);
        var mediaToken = TokenSigner.Sign(TokenPurpose.Media, key, slotId, string.Empty, expiry);
        var prefix = slot.Url[..slot.Url.LastIndexOf('/')];

        var withMediaToken = await PostAsync(host, prefix + "/" + mediaToken);
        var withGarbage = await PostAsync(host, prefix + "/" + key.Id + "." + expiry + "." + new string('A', 43));
        var genuine = await PostAsync(host, slot.Url);

        Assert.Equal(404, withMediaToken.Status);
        Assert.Equal(withGarbage.Status, withMediaToken.Status);
        Assert.Equal(withGarbage.BodyText, withMediaToken.BodyText);
        Assert.Equal(withGarbage.HeaderSignature("Date"), withMediaToken.HeaderSignature("Date"));
        Assert.Equal(201, genuine.Status);
        Assert.Single(host.Calls.Calls);
    }

    private static Task<RawResponse> PostAsync(UploadTestHost host, string url)
    {
        var body = Encoding.ASCII.GetBytes("hello");
        return RawHttp.SendAsync(
            host.BaseAddress,
            "POST",
            url,
            $"Content-Type: application/octet-stream\r\nX-File-Name: a.txt\r\nContent-Length: {body.Length}\r\n",
            body,
            TestContext.Current.CancellationToken);
    }

    private async Task RunGroupAsync(string group)
    {
        var cases = _fixture.Corpus.Where(c => c.Group == group).ToList();
        Assert.NotEmpty(cases);
        foreach (var @case in cases)
        {
            var response = await _fixture.Site.SendAsync(@case);
            _fixture.Site.AssertInvariants(@case, response);
        }
    }
}
