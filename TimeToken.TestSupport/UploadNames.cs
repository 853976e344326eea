namespace TimeToken.Tests.TestSupport;

/// <summary>
/// The upload name suite: file names a client may send to an upload slot, those refused with 400 before any byte is
/// written and those stored (with the name they are stored under). The endpoint tests of the core and the real
/// Orchard site, which downloads every stored one through its signed link, use the same list.
/// </summary>
internal static class UploadNames
{
    /// <summary>130 × "é" (2 bytes each) + ".pdf": 134 characters, 264 UTF-8 bytes.</summary>
    public static readonly string Accents = string.Concat(Enumerable.Repeat("\u00e9", 130)) + ".pdf";

    /// <summary>63 × U+1F600 (4 bytes, 2 UTF-16 units each) + ".pdf": 130 characters, 256 UTF-8 bytes.</summary>
    public static readonly string Emoji = string.Concat(Enumerable.Repeat("\U0001F600", 63)) + ".pdf";

    /// <summary>250 × "a" + ".pdf": 254 bytes, but "-1" on a collision would make it 256.</summary>
    public static readonly string TooLongForSuffix = new string('a', 250) + ".pdf";

    /// <summary>123 × "é" + "a.pdf": 251 UTF-8 bytes, the longest accepted.</summary>
    public static readonly string LongestAccented = string.Concat(Enumerable.Repeat("\u00e9", 123)) + "a.pdf";

    /// <summary>Names refused with 400: (what is wrong, the name).</summary>
    public static IReadOnlyList<(string Class, string Name)> Refused { get; } =
    [
        ("colon", "a:b.pdf"),
        ("accents over 255 bytes", Accents),
        ("emoji over 255 bytes", Emoji),
        ("no room for -1", TooLongForSuffix),
        ("encoded slash the gate refuses", "a%2Fb.pdf"),
        ("fullwidth dot segment the gate refuses", "\uFF0E\uFF0E"),
        ("dot segment", ".."),
        ("leading dot the file provider hides", ".report.pdf"),
        ("leading dot after the path is cut", "docs/.hidden.pdf"),
        ("leading dot after trimming", " .pdf"),
        ("only a dot and an extension", ".pdf"),
    ];

    /// <summary>Names stored: (what is special, the name, the name it is stored under).</summary>
    public static IReadOnlyList<(string Class, string Name, string Stored)> Accepted { get; } =
    [
        ("plain", "report-plain.pdf", "report-plain.pdf"),
        ("Windows path", "C:\\Users\\me\\windows-path.pdf", "windows-path.pdf"),
        ("parent segments", "../../etc/parent.pdf", "parent.pdf"),
        ("spaces around", "  spaced name.pdf ", "spaced name.pdf"),
        ("accents", "r\u00e9sum\u00e9.pdf", "r\u00e9sum\u00e9.pdf"),
        ("longest accented", LongestAccented, LongestAccented),
        ("dot inside", "v1.2.report.pdf", "v1.2.report.pdf"),
        ("trailing dots of the stem", "notes..pdf", "notes..pdf"),
        ("URL characters", "a+b&c=d #1.pdf", "a+b&c=d #1.pdf"),
        ("percent not an escape", "100%.pdf", "100%.pdf"),
    ];
}
