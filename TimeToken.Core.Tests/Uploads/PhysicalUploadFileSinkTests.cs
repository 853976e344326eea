using TimeToken.Core.Uploads;

namespace TimeToken.Tests.Core.Uploads;

public sealed class PhysicalUploadFileSinkTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("tt-sink-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Theory]
    [InlineData("../x.txt")]
    [InlineData("a/../../x.txt")]
    [InlineData("/etc/x.txt")]
    [InlineData("a\\..\\x.txt")]
    [InlineData("a//x.txt")]
    [InlineData("a/./x.txt")]
    [InlineData(".timetoken-staging/x.txt")]
    [InlineData("a/x\u0000.txt")]
    public async Task TryCreateFileAsync_PathLeavingRootOrMalformed_Throws(string path)
    {
        var sink = new PhysicalUploadFileSink(_root);

        await Assert.ThrowsAsync<ArgumentException>(() => sink.TryCreateFileAsync(path, new MemoryStream([1]), Ct));

        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(_root)!, "x.txt"));
        Assert.Empty(Directory.GetFiles(_root, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task TryCreateFileAsync_Existing_ReturnsNullAndKeepsOriginal()
    {
        var sink = new PhysicalUploadFileSink(_root);

        var first = await sink.TryCreateFileAsync("a/b.txt", new MemoryStream([1, 2]), Ct);
        var second = await sink.TryCreateFileAsync("a/b.txt", new MemoryStream([3]), Ct);

        Assert.Equal("a/b.txt", first);
        Assert.Null(second);
        Assert.Equal([1, 2], await File.ReadAllBytesAsync(Path.Combine(_root, "a", "b.txt"), Ct));
        Assert.Empty(Directory.GetFiles(Path.Combine(_root, PhysicalUploadFileSink.StagingFolderName)));
    }

    [Fact]
    public async Task TryCreateFileAsync_SourceFailsMidway_LeavesNoFile()
    {
        var sink = new PhysicalUploadFileSink(_root);

        await Assert.ThrowsAsync<IOException>(() => sink.TryCreateFileAsync("a/b.txt", new FailingStream(), Ct));

        Assert.Empty(Directory.GetFiles(_root, "*", SearchOption.AllDirectories));
    }

    private sealed class FailingStream : MemoryStream
    {
        private int _reads;

        public FailingStream()
            : base(new byte[100_000])
        {
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            ++_reads > 2 ? throw new IOException("source broke") : base.ReadAsync(buffer[..Math.Min(buffer.Length, 1000)], cancellationToken);
    }
}

public sealed class UploadFileNameTests
{
    [Theory]
    [InlineData("report.pdf", "report.pdf")]
    [InlineData("C:\\Users\\me\\report.pdf", "report.pdf")]
    [InlineData("../../etc/passwd", "passwd")]
    [InlineData("  spaced name.txt ", "spaced name.txt")]
    [InlineData("r\u00e9sum\u00e9.pdf", "r\u00e9sum\u00e9.pdf")]
    public void TrySanitizeFileName_Accepted_KeepsLastSegment(string raw, string expected)
    {
        Assert.True(UploadFolderPath.TrySanitizeFileName(raw, out var name));
        Assert.Equal(expected, name);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("dir/")]
    [InlineData("..")]
    [InlineData("a\u0000.txt")]
    [InlineData("a\r\n.txt")]
    [InlineData("a\u2028.txt")]
    [InlineData("a:b.txt")]
    [InlineData("C:")]
    [InlineData("a%2Fb.txt")]
    [InlineData("%252e%252e")]
    [InlineData("\uFF0E\uFF0E")]
    [InlineData(".report.pdf")]
    [InlineData(".pdf")]
    [InlineData(" .pdf")]
    [InlineData("docs/.hidden.pdf")]
    [InlineData("C:\\.hidden.pdf")]
    public void TrySanitizeFileName_Malformed_Refused(string? raw)
    {
        Assert.False(UploadFolderPath.TrySanitizeFileName(raw, out _));
    }

    [Fact]
    public void TrySanitizeFileName_TooLong_Refused()
    {
        Assert.False(UploadFolderPath.TrySanitizeFileName(new string('a', 252) + ".txt", out _));
    }

    [Theory]
    [InlineData(247, 0, true)]
    [InlineData(248, 0, false)]
    [InlineData(121, 2, true)]
    [InlineData(122, 2, false)]
    public void TrySanitizeFileName_Utf8Length_LimitIs251Bytes(int count, int accents, bool accepted)
    {
        // count ASCII letters (or, with accents, count two-byte "é") + "a.txt" or ".txt": measured in UTF-8 bytes.
        var name = accents == 0
            ? new string('a', count) + ".txt"
            : string.Concat(Enumerable.Repeat("\u00e9", count)) + "abcde.txt";

        Assert.Equal(accepted, UploadFolderPath.TrySanitizeFileName(name, out _));
    }

    [Theory]
    [InlineData("uploads/2026", true)]
    [InlineData("a/b.pdf", true)]
    [InlineData("/a/b.pdf", false)]
    [InlineData("a/b.pdf/", false)]
    [InlineData("a:b/c.pdf", false)]
    [InlineData("a%2Fb.pdf", false)]
    [InlineData("a/../b.pdf", false)]
    public void IsStorablePath_GateRulesAndStoreLimits(string path, bool expected)
    {
        Assert.Equal(expected, TimeToken.Core.Media.MediaPath.IsStorablePath(path));
    }

    [Theory]
    [InlineData("uploads/2026", true)]
    [InlineData("uploads/v1.2", true)]
    [InlineData("", true)]
    [InlineData(".hidden", false)]
    [InlineData("uploads/.git", false)]
    [InlineData("/.well-known/", false)]
    public void TryNormalizeFolder_SegmentStartingWithDot_Refused(string folder, bool expected)
    {
        Assert.Equal(expected, UploadFolderPath.TryNormalizeFolder(folder, out _));
    }

    [Theory]
    [InlineData("uploads/report.pdf", true)]
    [InlineData("uploads/.report.pdf", false)]
    [InlineData(".hidden/report.pdf", false)]
    public void IsValidRelativePath_SegmentStartingWithDot_Refused(string path, bool expected)
    {
        Assert.Equal(expected, UploadFolderPath.IsValidRelativePath(path));
    }
}
