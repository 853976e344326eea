using System.Text;
using Microsoft.Extensions.DependencyInjection;
using TimeToken.Core.Media;
using TimeToken.Core.Signing;

namespace TimeToken.Benchmarks;

/// <summary>Fixed inputs, so every run signs the same bytes.</summary>
internal static class BenchmarkData
{
    /// <summary>A media path of 39 characters: with the version below the canonical message is exactly 100 bytes.</summary>
    public const string Subject = "documents/2025/annual-report-final2.pdf";

    /// <summary>A file version of the length of the old format (unix seconds and length); kept so the canonical message stays 100 bytes.</summary>
    public const string Version = "1764000000-4096";

    /// <summary>An expiry far in the future (on a 300 s window boundary).</summary>
    public const long Expiry = 4_102_444_800;

    /// <summary>A key with fixed material and id.</summary>
    public static SigningKey CreateKey()
    {
        var material = new byte[SigningKey.KeySizeInBytes];
        for (var i = 0; i < material.Length; i++)
        {
            material[i] = (byte)((i * 37) + 11);
        }

        return new SigningKey("Bench-01", material, new DateTimeOffset(2025, 11, 1, 0, 0, 0, TimeSpan.Zero));
    }

    /// <summary>Writes a file whose content is deterministic.</summary>
    public static void WriteFile(string root, string relativePath, string content)
    {
        var fullPath = Path.Combine(root, relativePath.Replace('/', Path.DirectorySeparatorChar));
        Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
        File.WriteAllText(fullPath, content, Encoding.UTF8);
    }

    /// <summary>
    /// The signed-media services over <paramref name="source"/>, with the fixed key and a version cache that stays
    /// warm for the whole run.
    /// </summary>
    public static ServiceProvider CreateServices(IMediaFileInfoSource source)
    {
        var services = new ServiceCollection();
        services.AddSingleton(source);
        services.AddSingleton<IKeyRingProvider>(new StaticKeyRingProvider(new KeyRing([CreateKey()])));
        services.AddTimeTokenMedia();
        services.Configure<MediaFileVersionOptions>(o => o.CacheSeconds = 24 * 3600);
        return services.BuildServiceProvider();
    }
}
