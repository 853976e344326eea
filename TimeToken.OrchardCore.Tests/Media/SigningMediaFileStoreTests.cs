using System.Reflection;
using OrchardCore.FileStorage;
using OrchardCore.Media;
using TimeToken.Core.Media;
using TimeToken.OrchardCore.Media;

namespace TimeToken.Tests.OrchardCore;

public sealed class SigningMediaFileStoreTests
{
    private static IEnumerable<MethodInfo> StoreMethods() =>
        typeof(IMediaFileStore).GetMethods().Concat(typeof(IFileStore).GetMethods());

    [Fact]
    public void InvokeEveryMember_RecordingInnerStore_DelegatesWithSameArgumentsAndResult()
    {
        // Arrange
        var inner = new RecordingMediaFileStore();
        var store = new SigningMediaFileStore(inner, new MarkingSigner());
        var methods = StoreMethods().Where(m => m.Name != nameof(IMediaFileStore.MapPathToPublicUrl)).ToList();

        // Act / Assert
        Assert.Contains(methods, m => m.Name == nameof(IFileStore.GetPermittedStorageAsync));
        Assert.Equal(13, StoreMethods().Count());
        foreach (var method in methods)
        {
            var arguments = method.GetParameters().Select(p => ArgumentFor(p.ParameterType, p.Name!)).ToArray();
            inner.Calls.Clear();

            var result = method.Invoke(store, arguments);

            var call = Assert.Single(inner.Calls);
            Assert.Equal(Signature(method), call.Method);
            Assert.Equal(arguments, call.Arguments);
            Assert.Same(call.Result, result);
        }
    }

    [Fact]
    public void DeclaredMembers_SigningMediaFileStore_ImplementsEveryInterfaceMethodItself()
    {
        // Arrange
        var map = typeof(SigningMediaFileStore).GetInterfaceMap(typeof(IFileStore));

        // Act
        var notImplemented = map.TargetMethods.Where(t => t.DeclaringType != typeof(SigningMediaFileStore)).ToList();

        // Assert: a default interface body (GetPermittedStorageAsync) left in place would drop the quota.
        Assert.Empty(notImplemented);
    }

    [Fact]
    public async Task GetPermittedStorageAsync_InnerHasQuota_ReturnsInnerQuota()
    {
        // Arrange
        IFileStore store = new SigningMediaFileStore(new RecordingMediaFileStore { Quota = 1234 }, new MarkingSigner());

        // Act
        var quota = await store.GetPermittedStorageAsync();

        // Assert
        Assert.Equal(1234, quota);
    }

    [Fact]
    public void MapPathToPublicUrl_AnyPath_AddsTokenToInnerUrlForStoragePath()
    {
        // Arrange
        var signer = new MarkingSigner();
        var store = new SigningMediaFileStore(new RecordingMediaFileStore(), signer);

        // Act
        var url = store.MapPathToPublicUrl("docs/a b.txt");

        // Assert
        Assert.Equal("/media/docs/a%20b.txt|signed:docs/a b.txt", url);
    }

    private static string Signature(MethodInfo method) =>
        method.Name + "(" + string.Join(",", method.GetParameters().Select(p => p.ParameterType.Name)) + ")";

    private static object ArgumentFor(Type type, string name) => type switch
    {
        _ when type == typeof(string) => name + "-value",
        _ when type == typeof(bool) => true,
        _ when type == typeof(Stream) => new MemoryStream([1, 2, 3]),
        _ when type == typeof(IFileStoreEntry) => new RecordingMediaFileStore.Entry(),
        _ => throw new NotSupportedException(type.FullName),
    };

    /// <summary>Marks the URL instead of signing it, to see what the decorator passes.</summary>
    private sealed class MarkingSigner : IMediaUrlSigner
    {
        public MediaUrlResult Sign(in MediaUrlRequest request) =>
            new(request.PublicUrl + "|signed:" + request.Path, "marked", DateTimeOffset.MaxValue, DateTimeOffset.MaxValue);
    }

    /// <summary>Records each call and answers with a fresh object, so the test can see the decorator returns it as is.</summary>
    private sealed class RecordingMediaFileStore : IMediaFileStore
    {
        public List<(string Method, object?[] Arguments, object Result)> Calls { get; } = [];

        public long? Quota { get; set; } = 99;

        private T Record<T>(string method, T result, params object?[] arguments)
            where T : notnull
        {
            Calls.Add((method, arguments, result));
            return result;
        }

        public string MapPathToPublicUrl(string path) => "/media/" + FakeMediaFileStore.EscapePath(path);

        public Task<IFileStoreEntry> GetFileInfoAsync(string path) => Record("GetFileInfoAsync(String)", Task.FromResult<IFileStoreEntry>(new Entry()), path);

        public Task<IFileStoreEntry> GetDirectoryInfoAsync(string path) => Record("GetDirectoryInfoAsync(String)", Task.FromResult<IFileStoreEntry>(new Entry()), path);

        public IAsyncEnumerable<IFileStoreEntry> GetDirectoryContentAsync(string? path = null, bool includeSubDirectories = false)
            => Record("GetDirectoryContentAsync(String,Boolean)", AsyncEnumerable.Empty<IFileStoreEntry>(), path, includeSubDirectories);

        public Task<bool> TryCreateDirectoryAsync(string path) => Record("TryCreateDirectoryAsync(String)", Task.FromResult(true), path);

        public Task<bool> TryDeleteFileAsync(string path) => Record("TryDeleteFileAsync(String)", Task.FromResult(true), path);

        public Task<bool> TryDeleteDirectoryAsync(string path) => Record("TryDeleteDirectoryAsync(String)", Task.FromResult(true), path);

        public Task MoveFileAsync(string oldPath, string newPath) => Record("MoveFileAsync(String,String)", Task.FromResult(1), oldPath, newPath);

        public Task CopyFileAsync(string srcPath, string dstPath) => Record("CopyFileAsync(String,String)", Task.FromResult(2), srcPath, dstPath);

        public Task<Stream> GetFileStreamAsync(string path) => Record("GetFileStreamAsync(String)", Task.FromResult<Stream>(new MemoryStream()), path);

        public Task<Stream> GetFileStreamAsync(IFileStoreEntry fileStoreEntry) => Record("GetFileStreamAsync(IFileStoreEntry)", Task.FromResult<Stream>(new MemoryStream()), fileStoreEntry);

        public Task<string> CreateFileFromStreamAsync(string path, Stream inputStream, bool overwrite = false)
            => Record("CreateFileFromStreamAsync(String,Stream,Boolean)", Task.FromResult("created"), path, inputStream, overwrite);

        public Task<long?> GetPermittedStorageAsync() => Record("GetPermittedStorageAsync()", Task.FromResult(Quota));

        public sealed class Entry : IFileStoreEntry
        {
            public string Path => "p";

            public string Name => "n";

            public string DirectoryPath => "d";

            public long Length => 1;

            public DateTime LastModifiedUtc => DateTime.UnixEpoch;

            public bool IsDirectory => false;
        }
    }
}
