using System.Text;

namespace TimeToken.Tests.TestSupport;

/// <summary>What every test site starts from: the fake clock's start and files written into a media folder.</summary>
internal static class TestMedia
{
    /// <summary>The start of every fake clock: half a second into a second, so the signer's rounding up of "now" is exercised.</summary>
    public static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, 500, TimeSpan.Zero);

    /// <summary>Writes a UTF-8 text file (no BOM) below <paramref name="root"/>, making its folders.</summary>
    public static void WriteFile(string root, string path, string content)
    {
        var full = Path.Combine(root, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content, new UTF8Encoding(false));
    }
}
