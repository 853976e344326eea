using OrchardCore.FileStorage;
using OrchardCore.Media;
using TimeToken.Core.Media;

namespace TimeToken.OrchardCore.Media;

/// <summary>
/// Decorates Orchard Core's <see cref="IMediaFileStore"/> (the default store, or Azure/S3): every member delegates to
/// the wrapped store, and <see cref="MapPathToPublicUrl"/> adds a time token, so <c>asset_url</c>,
/// <c>resize_url</c>, media fields and <c>Orchard.AssetUrl()</c> all produce signed URLs.
/// </summary>
/// <remarks>
/// <see cref="GetPermittedStorageAsync"/> is forwarded too: the interface's default body answers "unlimited", so a
/// decorator that forgot it would silently lift the media quota.
/// </remarks>
internal sealed class SigningMediaFileStore : IMediaFileStore
{
    private readonly IMediaFileStore _inner;
    private readonly IMediaUrlSigner _signer;

    /// <summary>Wraps <paramref name="inner"/>.</summary>
    /// <param name="inner">The store registered before this module.</param>
    /// <param name="signer">The signer of media URLs.</param>
    public SigningMediaFileStore(IMediaFileStore inner, IMediaUrlSigner signer)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(signer);
        _inner = inner;
        _signer = signer;
    }

    /// <summary>The wrapped store.</summary>
    internal IMediaFileStore Inner => _inner;

    /// <inheritdoc />
    /// <remarks>
    /// The wrapped store's URL with the token parameter appended (unchanged in the public folder, and for a path that
    /// is not a valid media path, which the gate refuses). Never waits for the store: before a file's version is known
    /// the token binds the time the link was made (see <see cref="IMediaUrlSigner"/>).
    /// </remarks>
    public string MapPathToPublicUrl(string path)
    {
        var publicUrl = _inner.MapPathToPublicUrl(path);
        return _signer.Sign(MediaUrlRequest.ForUrl(publicUrl, path)).Url ?? publicUrl;
    }

    /// <inheritdoc />
    public Task<IFileStoreEntry> GetFileInfoAsync(string path) => _inner.GetFileInfoAsync(path);

    /// <inheritdoc />
    public Task<IFileStoreEntry> GetDirectoryInfoAsync(string path) => _inner.GetDirectoryInfoAsync(path);

    /// <inheritdoc />
    public IAsyncEnumerable<IFileStoreEntry> GetDirectoryContentAsync(string? path = null, bool includeSubDirectories = false)
        => _inner.GetDirectoryContentAsync(path, includeSubDirectories);

    /// <inheritdoc />
    public Task<bool> TryCreateDirectoryAsync(string path) => _inner.TryCreateDirectoryAsync(path);

    /// <inheritdoc />
    public Task<bool> TryDeleteFileAsync(string path) => _inner.TryDeleteFileAsync(path);

    /// <inheritdoc />
    public Task<bool> TryDeleteDirectoryAsync(string path) => _inner.TryDeleteDirectoryAsync(path);

    /// <inheritdoc />
    public Task MoveFileAsync(string oldPath, string newPath) => _inner.MoveFileAsync(oldPath, newPath);

    /// <inheritdoc />
    public Task CopyFileAsync(string srcPath, string dstPath) => _inner.CopyFileAsync(srcPath, dstPath);

    /// <inheritdoc />
    public Task<Stream> GetFileStreamAsync(string path) => _inner.GetFileStreamAsync(path);

    /// <inheritdoc />
    public Task<Stream> GetFileStreamAsync(IFileStoreEntry fileStoreEntry) => _inner.GetFileStreamAsync(fileStoreEntry);

    /// <inheritdoc />
    public Task<string> CreateFileFromStreamAsync(string path, Stream inputStream, bool overwrite = false)
        => _inner.CreateFileFromStreamAsync(path, inputStream, overwrite);

    /// <inheritdoc />
    public Task<long?> GetPermittedStorageAsync() => _inner.GetPermittedStorageAsync();
}
