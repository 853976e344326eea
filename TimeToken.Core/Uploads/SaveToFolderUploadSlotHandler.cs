using System.Globalization;
using System.Text;
using System.Text.Json;

namespace TimeToken.Core.Uploads;

/// <summary>
/// A built-in handler that saves the uploaded files into a folder fixed when the slot was created, through an
/// <see cref="IUploadFileSink"/>. Register it with
/// <c>services.AddUploadSlotHandler&lt;SaveToFolderUploadSlotHandler&gt;(SaveToFolderUploadSlotHandler.DefaultName)</c>
/// and an <see cref="IUploadFileSink"/>; create slots with <see cref="CreateArguments"/>.
/// </summary>
/// <remarks>
/// <para>Arguments: <c>{"folder": "uploads"}</c>; a missing or empty folder means the root of the sink.</para>
/// <para>
/// File names come from the client, reduced to their last segment and checked by the gate's own path rules
/// (<see cref="Media.MediaPath.TryNormalizeFileName"/>) before any byte is written, at most 251 UTF-8 bytes so the
/// collision suffix still fits; a name starting with <c>.</c> is refused, as the media file provider would never
/// serve it. An existing file is never overwritten: on a collision the name gets a suffix
/// (<c>report-1.pdf</c>, <c>report-2.pdf</c>, …).
/// </para>
/// <para>
/// Result: <c>{"path": "uploads/report.pdf", "length": 1234}</c> for one file; for several,
/// <c>{"files": [{"path": …, "length": …}, …]}</c>.
/// </para>
/// </remarks>
public sealed class SaveToFolderUploadSlotHandler : IUploadSlotHandler
{
    /// <summary>The conventional registration name: <c>save-to-folder</c>.</summary>
    public const string DefaultName = "save-to-folder";

    private const int MaxSuffix = 100;

    private readonly IUploadFileSink _sink;

    /// <summary>Creates the handler.</summary>
    /// <param name="sink">Where the files go.</param>
    public SaveToFolderUploadSlotHandler(IUploadFileSink sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        _sink = sink;
    }

    /// <summary>Whether files can be saved into <paramref name="folder"/>, and the folder as it will be used.</summary>
    /// <param name="folder">A relative folder such as <c>uploads/2026</c>; empty for the root.</param>
    /// <param name="normalized">The folder without surrounding slashes, when accepted.</param>
    /// <returns>
    /// <see langword="false"/> when the folder is malformed (a segment starting with <c>.</c>, which the media file provider hides; backslashes, control characters, anything the
    /// media gate refuses, a <c>:</c>, a name over 255 UTF-8 bytes) or longer than 768 characters.
    /// </returns>
    public static bool TryNormalizeFolder(string? folder, out string normalized) => UploadFolderPath.TryNormalizeFolder(folder, out normalized);

    /// <summary>Builds the slot arguments for <paramref name="folder"/>.</summary>
    /// <param name="folder">A relative folder such as <c>uploads/2026</c>; empty for the root.</param>
    /// <returns>The arguments to pass to <see cref="IUploadSlotService.CreateAsync"/>.</returns>
    /// <exception cref="ArgumentException">
    /// The folder is malformed (a segment starting with <c>.</c>, backslashes, control characters, anything the media gate refuses, a
    /// <c>:</c>, a name over 255 UTF-8 bytes) or longer than 768 characters.
    /// </exception>
    public static JsonElement CreateArguments(string folder)
    {
        if (!TryNormalizeFolder(folder, out var normalized))
        {
            throw new ArgumentException("The folder must be relative, with '/' separators and no segment that starts with '.' (such as '..' or '.hidden').", nameof(folder));
        }

        return JsonSerializer.SerializeToElement(new Dictionary<string, string> { ["folder"] = normalized });
    }

    /// <inheritdoc/>
    public async ValueTask<object?> HandleAsync(UploadSlotContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        string? folder = null;
        if (context.Arguments.ValueKind == JsonValueKind.Object
            && context.Arguments.TryGetProperty("folder", out var value) && value.ValueKind == JsonValueKind.String)
        {
            folder = value.GetString();
        }

        if (!UploadFolderPath.TryNormalizeFolder(folder, out var normalized))
        {
            throw new InvalidOperationException("The slot's folder argument is malformed.");
        }

        var saved = new List<SavedFile>(context.Files.Count);
        foreach (var file in context.Files)
        {
            var path = await SaveAsync(normalized, file, cancellationToken).ConfigureAwait(false);
            saved.Add(new SavedFile(path, file.Length));
        }

        return saved.Count == 1 ? saved[0] : new SavedFiles(saved);
    }

    private async Task<string> SaveAsync(string folder, UploadedFile file, CancellationToken cancellationToken)
    {
        var stem = Path.GetFileNameWithoutExtension(file.FileName);
        var extension = Path.GetExtension(file.FileName);
        for (var attempt = 0; attempt <= MaxSuffix; attempt++)
        {
            var name = attempt == 0 ? file.FileName : string.Create(CultureInfo.InvariantCulture, $"{stem}-{attempt}{extension}");
            if (attempt == MaxSuffix)
            {
                // The last resort: a random suffix, with the stem shortened so the name still fits the file system.
                var suffix = $"-{Guid.NewGuid():N}{extension}";
                name = TruncateUtf8(stem, Media.MediaPath.MaxSegmentBytes - Encoding.UTF8.GetByteCount(suffix)) + suffix;
            }

            var path = folder.Length == 0 ? name : folder + "/" + name;
            var stream = file.OpenReadStream();
            await using (stream.ConfigureAwait(false))
            {
                if (await _sink.TryCreateFileAsync(path, stream, cancellationToken).ConfigureAwait(false) is { } stored)
                {
                    return stored;
                }
            }
        }

        throw new IOException("No free file name was found.");
    }

    private static string TruncateUtf8(string text, int maxBytes)
    {
        if (maxBytes <= 0)
        {
            return string.Empty;
        }

        var bytes = 0;
        var length = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            bytes += rune.Utf8SequenceLength;
            if (bytes > maxBytes)
            {
                break;
            }

            length += rune.Utf16SequenceLength;
        }

        return text[..length];
    }

    /// <summary>One saved file in the result.</summary>
    /// <param name="Path">The stored path, relative to the sink's root.</param>
    /// <param name="Length">The length in bytes.</param>
    public sealed record SavedFile(string Path, long Length);

    /// <summary>The result for several files.</summary>
    /// <param name="Files">The saved files, in upload order.</param>
    public sealed record SavedFiles(IReadOnlyList<SavedFile> Files);
}
