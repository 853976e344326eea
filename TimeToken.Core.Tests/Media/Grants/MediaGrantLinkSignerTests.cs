using TimeToken.Core.Media;

namespace TimeToken.Tests.Core.Media.Grants;

public sealed class MediaGrantLinkSignerTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SignAsync_ProtectedFile_LinkWithGrantInToken()
    {
        await using var site = await GrantSite.StartAsync();
        var id = MediaGrantId.New();

        var link = await site.Signer.SignAsync("/media/", "/odd/with space.txt", id, TimeSpan.FromDays(7), Cancel);

        Assert.NotNull(link);
        Assert.Equal("odd/with space.txt", link.Path);
        Assert.StartsWith("/media/odd/with%20space.txt?tt=", link.Url, StringComparison.Ordinal);
        Assert.Contains("." + id + ".", link.Url, StringComparison.Ordinal);
        Assert.Equal(MediaSite.Start.AddSeconds(0.5).AddDays(7), link.ExpiresAt);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData((7 * 24 * 3600) + 1)]
    public async Task SignAsync_LifetimeOutOfRange_Throws(int seconds)
    {
        await using var site = await GrantSite.StartAsync();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () =>
            await site.Signer.SignAsync("/media", "docs/report.txt", MediaGrantId.New(), TimeSpan.FromSeconds(seconds), Cancel));
    }

    [Theory]
    [InlineData("public/hello.txt")]
    [InlineData("../secret.txt")]
    [InlineData("docs//report.txt")]
    public async Task SignAsync_PublicOrInvalidPath_Throws(string path)
    {
        await using var site = await GrantSite.StartAsync();

        await Assert.ThrowsAsync<ArgumentException>(async () =>
            await site.Signer.SignAsync("/media", path, MediaGrantId.New(), TimeSpan.FromHours(1), Cancel));
    }

    [Fact]
    public async Task SignAsync_BadGrantId_Throws()
    {
        await using var site = await GrantSite.StartAsync();

        await Assert.ThrowsAsync<ArgumentException>(async () =>
            await site.Signer.SignAsync("/media", "docs/report.txt", "not-a-grant", TimeSpan.FromHours(1), Cancel));
    }

    [Fact]
    public async Task SignAsync_MissingFile_Null()
    {
        await using var site = await GrantSite.StartAsync();

        Assert.Null(await site.Signer.SignAsync("/media", "docs/none.txt", MediaGrantId.New(), TimeSpan.FromHours(1), Cancel));
    }
}
