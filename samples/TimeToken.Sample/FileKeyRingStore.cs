using TimeToken.Core.Signing;

namespace TimeToken.Sample;

/// <summary>
/// Keeps the protected key ring in one file (under App_Data), so signed links survive a restart. The file holds only
/// the text made by <see cref="KeyRingProtector"/>, encrypted with the Data Protection keys kept next to it.
/// </summary>
internal sealed class FileKeyRingStore : IKeyRingStore
{
    private readonly string _path;

    public FileKeyRingStore(string path)
    {
        _path = path;
    }

    public async Task<string?> LoadAsync(CancellationToken cancellationToken) =>
        File.Exists(_path) ? (await File.ReadAllTextAsync(_path, cancellationToken).ConfigureAwait(false)).Trim() : null;

    public async Task SaveAsync(string protectedKeyRing, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
        var temporary = _path + ".tmp";
        await File.WriteAllTextAsync(temporary, protectedKeyRing, cancellationToken).ConfigureAwait(false);
        File.Move(temporary, _path, overwrite: true);
    }
}
