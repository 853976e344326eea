using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;
using System.Text;

namespace TimeToken.Sample;

/// <summary>The files a fresh media folder starts with.</summary>
internal static class MediaSeed
{
    public const string PublicFile = "public/welcome.txt";
    public const string ReportFile = "docs/report.txt";
    public const string ContractFile = "docs/contract.pdf";
    public const string ImageFile = "images/logo.png";
    public const string LargeFile = "data/large.bin";

    /// <summary>The size of <see cref="LargeFile"/>: 2 MiB.</summary>
    public const int LargeFileLength = 2 * 1024 * 1024;

    /// <summary>Creates the folder and its files when the folder is missing or empty; returns whether it did.</summary>
    public static bool EnsureSeeded(string mediaRoot)
    {
        if (Directory.Exists(mediaRoot) && Directory.EnumerateFileSystemEntries(mediaRoot).Any())
        {
            return false;
        }

        Write(mediaRoot, PublicFile, Encoding.UTF8.GetBytes("Hello! This file lies in the public folder, so its link carries no token.\n"));
        Write(mediaRoot, ReportFile, Encoding.UTF8.GetBytes("Quarterly report (private).\nOnly a link with a valid time token can read this file.\n"));
        Write(mediaRoot, ContractFile, MinimalPdf("Private contract - TimeToken sample"));
        Write(mediaRoot, ImageFile, Png(96, 64));
        Write(mediaRoot, LargeFile, LargeFileBytes());
        return true;
    }

    /// <summary>The deterministic content of <see cref="LargeFile"/> (xorshift32 from a fixed seed).</summary>
    public static byte[] LargeFileBytes()
    {
        var bytes = new byte[LargeFileLength];
        var state = 0x2545F491u;
        for (var i = 0; i < bytes.Length; i += 4)
        {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(i), state);
        }

        return bytes;
    }

    /// <summary>A valid RGB PNG with a colour gradient.</summary>
    public static byte[] Png(int width, int height)
    {
        var raw = new byte[height * (1 + (width * 3))];
        for (var y = 0; y < height; y++)
        {
            var row = y * (1 + (width * 3));
            raw[row] = 0; // filter: none
            for (var x = 0; x < width; x++)
            {
                var pixel = row + 1 + (x * 3);
                raw[pixel] = (byte)(36 + (x * 160 / width));
                raw[pixel + 1] = (byte)(86 + (y * 120 / height));
                raw[pixel + 2] = 199;
            }
        }

        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(raw);
        }

        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bit depth
        header[9] = 2; // colour type: RGB
        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        WriteChunk(png, "IHDR", header);
        WriteChunk(png, "IDAT", compressed.ToArray());
        WriteChunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void WriteChunk(Stream stream, string type, byte[] data)
    {
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(number, data.Length);
        stream.Write(number);
        var typeBytes = Encoding.ASCII.GetBytes(type);
        stream.Write(typeBytes);
        stream.Write(data);
        var crc = new Crc32();
        crc.Append(typeBytes);
        crc.Append(data);
        BinaryPrimitives.WriteUInt32BigEndian(number, crc.GetCurrentHashAsUInt32());
        stream.Write(number);
    }

    /// <summary>A one-page PDF showing <paramref name="text"/>, with a correct cross-reference table.</summary>
    private static byte[] MinimalPdf(string text)
    {
        var content = $"BT /F1 18 Tf 72 720 Td ({text}) Tj ET";
        string[] objects =
        [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            $"<< /Length {content.Length} >>\nstream\n{content}\nendstream",
        ];
        var pdf = new StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(pdf.Length);
            pdf.Append(System.Globalization.CultureInfo.InvariantCulture, $"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }

        var xref = pdf.Length;
        pdf.Append(System.Globalization.CultureInfo.InvariantCulture, $"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            pdf.Append(System.Globalization.CultureInfo.InvariantCulture, $"{offset:D10} 00000 n \n");
        }

        pdf.Append(System.Globalization.CultureInfo.InvariantCulture, $"trailer\n<< /Size {objects.Length + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.ASCII.GetBytes(pdf.ToString());
    }

    private static void Write(string root, string path, byte[] bytes)
    {
        var full = Path.Combine(root, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllBytes(full, bytes);
    }
}
