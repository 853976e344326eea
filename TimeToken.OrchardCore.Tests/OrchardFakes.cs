using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Primitives;
using OrchardCore;
using OrchardCore.DisplayManagement.ModelBinding;
using OrchardCore.Environment.Shell;
using OrchardCore.Environment.Shell.Configuration;
using OrchardCore.FileStorage;
using OrchardCore.Media;
using OrchardCore.Media.Events;
using OrchardCore.Settings;

namespace TimeToken.Tests.OrchardCore;

// Test doubles of Orchard Core services only. Behaviour they copy from Orchard Core 3.0.1 is described, not copied.

/// <summary>
/// A media store over a temp folder that behaves like Orchard's DefaultMediaFileStore where the module depends on it:
/// URLs are the request base path plus each segment escaped with Uri.EscapeDataString, creation refuses to overwrite
/// with a FileStoreException, and creating, deleting and moving raise the media events.
/// </summary>
internal sealed class FakeMediaFileStore : IMediaFileStore
{
    private readonly IEnumerable<IMediaEventHandler> _handlers;
    private readonly IEnumerable<IMediaCreatingEventHandler> _creatingHandlers;

    public FakeMediaFileStore(string root, string requestBasePath = "/media", IEnumerable<IMediaEventHandler>? handlers = null, IEnumerable<IMediaCreatingEventHandler>? creatingHandlers = null)
    {
        Root = root;
        RequestBasePath = requestBasePath.TrimEnd('/');
        _handlers = handlers ?? [];
        _creatingHandlers = creatingHandlers ?? [];
    }

    public string Root { get; }

    public string RequestBasePath { get; }

    public IEnumerable<IMediaEventHandler> Handlers => _handlers;

    public Func<string, Exception?>? FailCreate { get; set; }

    public static string EscapePath(string path) =>
        string.Join('/', path.Replace('\\', '/').Trim('/', ' ').Split('/').Select(Uri.EscapeDataString));

    public string MapPathToPublicUrl(string path) => RequestBasePath + "/" + EscapePath(path);

    private string Full(string path) => Path.Combine(Root, path.Replace('\\', '/').Trim('/', ' '));

    public Task<IFileStoreEntry> GetFileInfoAsync(string path)
    {
        var info = new FileInfo(Full(path));
        return Task.FromResult<IFileStoreEntry>(info.Exists ? new Entry(path.Trim('/'), info.Length, info.LastWriteTimeUtc, false) : null!);
    }

    public Task<IFileStoreEntry> GetDirectoryInfoAsync(string path)
    {
        var info = new DirectoryInfo(Full(path));
        return Task.FromResult<IFileStoreEntry>(info.Exists ? new Entry(path.Trim('/'), 0, info.LastWriteTimeUtc, true) : null!);
    }

    public async IAsyncEnumerable<IFileStoreEntry> GetDirectoryContentAsync(string? path = null, bool includeSubDirectories = false)
    {
        await Task.Yield();
        foreach (var file in Directory.EnumerateFiles(Full(path ?? ""), "*", includeSubDirectories ? SearchOption.AllDirectories : SearchOption.TopDirectoryOnly))
        {
            var info = new FileInfo(file);
            yield return new Entry(Path.GetRelativePath(Root, file).Replace('\\', '/'), info.Length, info.LastWriteTimeUtc, false);
        }
    }

    public Task<bool> TryCreateDirectoryAsync(string path)
    {
        Directory.CreateDirectory(Full(path));
        return Task.FromResult(true);
    }

    public async Task<bool> TryDeleteFileAsync(string path)
    {
        var full = Full(path);
        var result = File.Exists(full);
        File.Delete(full);
        foreach (var handler in _handlers)
        {
            await handler.MediaDeletedFileAsync(new MediaDeletedContext { Path = path, Result = result });
        }

        return result;
    }

    public async Task<bool> TryDeleteDirectoryAsync(string path)
    {
        var full = Full(path);
        var result = Directory.Exists(full);
        if (result)
        {
            Directory.Delete(full, recursive: true);
        }

        foreach (var handler in _handlers)
        {
            await handler.MediaDeletedDirectoryAsync(new MediaDeletedContext { Path = path, Result = result });
        }

        return result;
    }

    public async Task MoveFileAsync(string oldPath, string newPath)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Full(newPath))!);
        File.Move(Full(oldPath), Full(newPath));
        foreach (var handler in _handlers)
        {
            await handler.MediaMovedAsync(new MediaMoveContext { OldPath = oldPath, NewPath = newPath });
        }
    }

    public Task CopyFileAsync(string srcPath, string dstPath)
    {
        File.Copy(Full(srcPath), Full(dstPath));
        return Task.CompletedTask;
    }

    public Task<Stream> GetFileStreamAsync(string path) => Task.FromResult<Stream>(File.OpenRead(Full(path)));

    public Task<Stream> GetFileStreamAsync(IFileStoreEntry fileStoreEntry) => GetFileStreamAsync(fileStoreEntry.Path);

    public async Task<string> CreateFileFromStreamAsync(string path, Stream inputStream, bool overwrite = false)
    {
        var context = new MediaCreatingContext { Path = path };
        var stream = inputStream;
        foreach (var handler in _creatingHandlers)
        {
            stream = await handler.MediaCreatingAsync(context, stream);
        }

        if (FailCreate?.Invoke(context.Path) is { } failure)
        {
            throw failure;
        }

        var full = Full(context.Path);
        if (!overwrite && File.Exists(full))
        {
            throw new FileStoreException($"Cannot create file '{context.Path}' because it already exists.");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        await using var file = File.Create(full);
        await stream.CopyToAsync(file);
        return context.Path;
    }

    public Task<long?> GetPermittedStorageAsync() => Task.FromResult<long?>(null);

    public void Write(string path, string content) => File.WriteAllText(Full(path), content, new UTF8Encoding(false));

    public void WriteNew(string path, string content)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Full(path))!);
        Write(path, content);
    }

    private sealed record Entry(string Path, long Length, DateTime LastModifiedUtc, bool IsDirectory) : IFileStoreEntry
    {
        public string Name => System.IO.Path.GetFileName(Path);

        public string DirectoryPath => System.IO.Path.GetDirectoryName(Path)?.Replace('\\', '/') ?? "";
    }
}

/// <summary>The site service: one stored document, a copy for reads, the same mutable copy for the loads of a "scope".</summary>
internal sealed class FakeSiteService : ISiteService
{
    private SiteSettings? _loaded;

    public SiteSettings Stored { get; private set; } = new();

    public int Updates { get; private set; }

    public Task<ISite> GetSiteSettingsAsync() => Task.FromResult<ISite>(Copy(Stored));

    public Task<ISite> LoadSiteSettingsAsync() => Task.FromResult<ISite>(_loaded ??= Copy(Stored));

    public Task UpdateSiteSettingsAsync(ISite site)
    {
        Stored = Copy((SiteSettings)site);
        _loaded = null;
        Updates++;
        return Task.CompletedTask;
    }

    private static SiteSettings Copy(SiteSettings site) => new() { Properties = (JsonObject)site.Properties.DeepClone() };
}

/// <summary>The tenant configuration over an in-memory configuration.</summary>
internal sealed class FakeShellConfiguration : IShellConfiguration
{
    private readonly IConfiguration _configuration;

    public FakeShellConfiguration(IDictionary<string, string?>? values = null)
    {
        _configuration = new ConfigurationBuilder().AddInMemoryCollection(values ?? new Dictionary<string, string?>()).Build();
    }

    public string? this[string key] { get => _configuration[key]; set => _configuration[key] = value; }

    public IEnumerable<IConfigurationSection> GetChildren() => _configuration.GetChildren();

    public IChangeToken GetReloadToken() => _configuration.GetReloadToken();

    public IConfigurationSection GetSection(string key) => _configuration.GetSection(key);
}

internal sealed class FakeShellReleaseManager : IShellReleaseManager
{
    public int Requests { get; private set; }

    public void RequestRelease() => Requests++;

    public void SuspendReleaseRequest() => Requests = 0;
}

/// <summary>An updater that binds a prepared form into the model, as MVC binding would from a POST.</summary>
internal sealed class FakeUpdateModel : IUpdateModel
{
    private readonly object _posted;

    public FakeUpdateModel(object posted) => _posted = posted;

    public ModelStateDictionary ModelState { get; } = new();

    public string? LastPrefix { get; private set; }

    public Task<bool> TryUpdateModelAsync<TModel>(TModel model)
        where TModel : class
        => TryUpdateModelAsync(model, string.Empty);

    public Task<bool> TryUpdateModelAsync<TModel>(TModel model, string prefix)
        where TModel : class
    {
        LastPrefix = prefix;
        foreach (var property in typeof(TModel).GetProperties().Where(p => p.CanWrite && !p.IsDefined(typeof(BindNeverAttribute), true)))
        {
            property.SetValue(model, property.GetValue(_posted));
        }

        return Task.FromResult(true);
    }

    public Task<bool> TryUpdateModelAsync<TModel>(TModel model, string prefix, params Expression<Func<TModel, object>>[] includeExpressions)
        where TModel : class
        => TryUpdateModelAsync(model, prefix);

    public bool TryValidateModel(object model) => true;

    public bool TryValidateModel(object model, string prefix) => true;
}

internal sealed class PassThroughLocalizer<T> : IStringLocalizer<T>
{
    public LocalizedString this[string name] => new(name, name);

    public LocalizedString this[string name, params object[] arguments] => new(name, string.Format(System.Globalization.CultureInfo.InvariantCulture, name, arguments));

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => [];
}

internal sealed class FakeOrchardHelper : IOrchardHelper
{
    public FakeOrchardHelper(IServiceProvider services) => HttpContext = new DefaultHttpContext { RequestServices = services };

    public HttpContext HttpContext { get; }
}

internal static class Uninitialized
{
    /// <summary>A context the code under test must not touch (Orchard builds real ones).</summary>
    public static T Create<T>() => (T)RuntimeHelpers.GetUninitializedObject(typeof(T));
}
