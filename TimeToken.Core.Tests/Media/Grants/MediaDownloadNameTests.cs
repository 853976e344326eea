using System.Net;
using Microsoft.Net.Http.Headers;
using TimeToken.Core.Media;

namespace TimeToken.Tests.Core.Media.Grants;

public sealed class MediaDownloadNameTests
{
    public static TheoryData<string> Hostile =>
    [
        "a\r\nSet-Cookie: x=1.pdf", "a\n.pdf", "a\r.pdf", "a\0.pdf", "a\u0085.pdf", "a\u2028.pdf", "a\u202Efdp.exe",
        "a\u200B.pdf", "a\uD800.pdf", "\uDC00a.pdf", "../secret.pdf", "a\\b.pdf", " a.pdf", "a.pdf ", "..", ".", "",
        new string('x', 300), new string('\u00e9', 201),
    ];

    [Theory]
    [MemberData(nameof(Hostile))]
    public void Check_HostileName_GivesReason(string name)
    {
        Assert.NotNull(MediaDownloadName.Check(name));
        Assert.False(MediaDownloadName.IsValid(name));
    }

    [Theory]
    [InlineData("report.pdf", "attachment; filename=\"report.pdf\"; filename*=UTF-8''report.pdf")]
    [InlineData("say \"hi\"; now.pdf", "attachment; filename=\"say _hi_; now.pdf\"; filename*=UTF-8''say%20%22hi%22%3B%20now.pdf")]
    [InlineData("r\u00e9sum\u00e9 100%.pdf", "attachment; filename=\"r_sum_ 100_.pdf\"; filename*=UTF-8''r%C3%A9sum%C3%A9%20100%25.pdf")]
    [InlineData("\u65e5\u672c\U0001F600.txt", "attachment; filename=\"___.txt\"; filename*=UTF-8''%E6%97%A5%E6%9C%AC%F0%9F%98%80.txt")]
    [InlineData("a'b=c,d.pdf", "attachment; filename=\"a'b=c,d.pdf\"; filename*=UTF-8''a%27b%3Dc%2Cd.pdf")]
    public void ContentDisposition_Name_ExactHeaderThatParsesBack(string name, string expected)
    {
        Assert.True(MediaDownloadName.IsValid(name));

        var header = MediaDownloadName.ContentDisposition(name);

        Assert.Equal(expected, header);
        Assert.DoesNotContain(header, c => c is < ' ' or > '~');
        var parsed = ContentDispositionHeaderValue.Parse(header);
        Assert.Equal("attachment", parsed.DispositionType.ToString());
        Assert.Equal(name, parsed.FileNameStar.ToString());
    }

    [Fact]
    public void Check_LongestName_Valid()
    {
        Assert.True(MediaDownloadName.IsValid(new string('\u00e9', MediaDownloadName.MaxLength)));
    }

    [Fact]
    public async Task Get_StoredNameInvalid_ServedAsAttachmentWithoutNameAndLogged()
    {
        await using var site = await GrantSite.StartAsync();
        var (url, grant) = await site.ShareAsync("docs/report.txt", TimeSpan.FromHours(1));
        site.Store.Grants[grant.Id] = new MediaGrant(grant.Id, grant.Path, grant.ExpiresAt, "evil\r\nX-Injected: 1", null);

        using var response = await site.Site.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("attachment", response.Content.Headers.GetValues("Content-Disposition").Single());
        Assert.False(response.Headers.Contains("X-Injected"));
        Assert.Single(site.Site.Logs.GetSnapshot(), r => r.Id.Id == 1151);
    }
}
