using TimeToken.Core.Media;

namespace TimeToken.Tests.Core.Media;

public sealed class MediaPathTests
{
    [Theory]
    [InlineData("docs/report.pdf", "docs/report.pdf")]
    [InlineData("/docs/report.pdf", "docs/report.pdf")]
    [InlineData("a", "a")]
    [InlineData("r\u00e9sum\u00e9 #1 50% a+b.pdf", "r\u00e9sum\u00e9 #1 50% a+b.pdf")]
    [InlineData("\u65e5\u672c/\u30d5\u30a1\u30a4\u30eb.txt", "\u65e5\u672c/\u30d5\u30a1\u30a4\u30eb.txt")]
    [InlineData("a..b/c...d", "a..b/c...d")]
    [InlineData(".hidden", ".hidden")]
    [InlineData("public/x.txt", "public/x.txt")]
    public void TryNormalize_AcceptedPath_GivesPathWithoutLeadingSlash(string input, string expected)
    {
        Assert.True(MediaPath.TryNormalize(input, out var normalized));
        Assert.Equal(expected, normalized);
        Assert.True(MediaPath.TryNormalizeChars(input.AsSpan(), out var fromChars));
        Assert.Equal(expected, fromChars);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("/")]
    [InlineData("//a")]
    [InlineData("a//b")]
    [InlineData("a/")]
    [InlineData(".")]
    [InlineData("..")]
    [InlineData("public/../secret.txt")]
    [InlineData("public/./x.txt")]
    [InlineData("/../secret.txt")]
    [InlineData("a/..")]
    [InlineData("public\\..\\secret.txt")]
    [InlineData("public\\x.txt")]
    [InlineData("public/%2e%2e/secret.txt")]
    [InlineData("public/%2E%2E/secret.txt")]
    [InlineData("public/.%2e/secret.txt")]
    [InlineData("public/%2e/x.txt")]
    [InlineData("public%2f..%2fsecret.txt")]
    [InlineData("public%2F..%2Fsecret.txt")]
    [InlineData("public%5c..%5csecret.txt")]
    [InlineData("public/%252e%252e/secret.txt")]
    [InlineData("public/\uff0e\uff0e/secret.txt")] // fullwidth full stops fold to ".."
    [InlineData("public/\u2024\u2024/secret.txt")] // one-dot leaders fold to ".."
    [InlineData("public\uff0f..\uff0fsecret.txt")] // fullwidth solidus folds to "/"
    [InlineData("public\uff3c..\uff3csecret.txt")] // fullwidth reverse solidus folds to "\"
    [InlineData("a\u0000b")]
    [InlineData("a%00b")]
    [InlineData("a\u001fb")]
    [InlineData("a\u007fb")]
    [InlineData("a\u0085b")]
    [InlineData("a\r\nb")]
    public void TryNormalize_RefusedPath_Fails(string? input)
    {
        Assert.False(MediaPath.TryNormalize(input, out _));
        Assert.False(MediaPath.TryNormalizeChars(input.AsSpan(), out _));
    }

    [Fact]
    public void TryNormalize_UnpairedSurrogate_Fails()
    {
        // Built at run time: theory data would be serialised and lose the lone surrogate.
        Assert.False(MediaPath.TryNormalize("a" + '\ud800' + "b", out _));
        Assert.False(MediaPath.TryNormalize("a" + '\udc00' + "b", out _));
        Assert.False(MediaPath.TryNormalize("a" + '\ud800', out _));
        Assert.True(MediaPath.TryNormalize("a\ud83d\ude00b", out _));
    }

    [Fact]
    public void TryNormalize_OverlongPath_Fails()
    {
        Assert.True(MediaPath.TryNormalize(new string('a', MediaPath.MaxLength), out _));
        Assert.False(MediaPath.TryNormalize(new string('a', MediaPath.MaxLength + 1), out _));
        Assert.True(MediaPath.TryNormalizeChars("/" + new string('a', MediaPath.MaxLength), out _));
        Assert.False(MediaPath.TryNormalizeChars("/" + new string('a', MediaPath.MaxLength + 1), out _));
    }

    [Theory]
    [InlineData("public/x.txt", "public/", true)]
    [InlineData("public/a/b.txt", "public/", true)]
    [InlineData("publicity/x.txt", "public/", false)]
    [InlineData("Public/x.txt", "public/", false)]
    [InlineData("x/public/y.txt", "public/", false)]
    [InlineData("public/x.txt", "", false)]
    public void IsUnder_NormalisedPath_ComparesWholeSegmentsOrdinally(string path, string folder, bool expected)
    {
        Assert.Equal(expected, MediaPath.IsUnder(path, folder));
    }

    [Theory]
    [InlineData("docs/a.pdf", "docs/a.pdf", "")]
    [InlineData("/docs/a.pdf?width=80&token=x", "docs/a.pdf", "?width=80&token=x")]
    [InlineData("docs/a.pdf?", "docs/a.pdf", "?")]
    [InlineData("docs/a.pdf?x=1?y=2", "docs/a.pdf", "?x=1?y=2")]
    public void TryNormalizeWithQuery_PathAndQuery_SplitAtFirstQuestionMark(string input, string path, string query)
    {
        Assert.True(MediaPath.TryNormalizeWithQuery(input, out var normalized, out var rest));
        Assert.Equal((path, query), (normalized, rest));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("?width=80")]
    [InlineData("public/../docs/a.pdf?width=80")]
    public void TryNormalizeWithQuery_BadPath_Refused(string? input)
    {
        Assert.False(MediaPath.TryNormalizeWithQuery(input, out var normalized, out _));
        Assert.Null(normalized);
    }
}

