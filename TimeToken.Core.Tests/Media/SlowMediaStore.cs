using TimeToken.Core.Media;

namespace TimeToken.Tests.Core.Media;

/// <summary>
/// A remote media store stand-in (Azure Blob, S3) over a folder on disk: every call completes only asynchronously,
/// after an injected latency or when the test releases it; calls are counted; folders can be listed; failures can be
/// injected.
/// </summary>
internal sealed class SlowMediaStore : IMediaFileInfoSource
{
    private TaskCompletionSource _release = NewRelease(released: true);
    private int _fileCalls;
    private int _listCalls;

    /// <summary>The folder whose files the store holds; set once the site made it.</summary>
    public string Root { get; set; } = string.Empty;

    /// <summary>The time each call takes, on the real clock.</summary>
    public TimeSpan Latency { get; set; }

    /// <summary>Whether the store lists folders (<see cref="IMediaFileInfoSource.ListFilesAsync"/>).</summary>
    public bool CanList { get; set; } = true;

    /// <summary>Whether every call fails.</summary>
    public bool Fail { get; set; }

    /// <summary>The look-ups of single files so far.</summary>
    public int FileCalls => Volatile.Read(ref _fileCalls);

    /// <summary>The folder listings so far.</summary>
    public int ListCalls => Volatile.Read(ref _listCalls);

    /// <summary>All store calls so far.</summary>
    public int Calls => FileCalls + ListCalls;

    /// <summary>From now on, calls wait until <see cref="Release"/>.</summary>
    public void Hold() => _release = NewRelease(released: false);

    /// <summary>Lets held and later calls complete.</summary>
    public void Release() => _release.TrySetResult();

    public async ValueTask<MediaFileInfo> GetFileInfoAsync(string normalizedPath, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _fileCalls);
        await WaitAsync(cancellationToken);
        var file = new FileInfo(Path.Combine(Root, normalizedPath));
        return file.Exists ? new MediaFileInfo(true, file.LastWriteTimeUtc, file.Length) : MediaFileInfo.NotFound;
    }

    public async ValueTask<IReadOnlyList<KeyValuePair<string, MediaFileInfo>>?> ListFilesAsync(string normalizedFolder, int maxFiles, CancellationToken cancellationToken)
    {
        if (!CanList)
        {
            return null;
        }

        Interlocked.Increment(ref _listCalls);
        await WaitAsync(cancellationToken);
        var folder = new DirectoryInfo(Path.Combine(Root, normalizedFolder));
        return folder.Exists
            ? [.. folder.EnumerateFiles().Take(maxFiles).Select(f => KeyValuePair.Create(normalizedFolder + f.Name, new MediaFileInfo(true, f.LastWriteTimeUtc, f.Length)))]
            : [];
    }

    private async Task WaitAsync(CancellationToken cancellationToken)
    {
        // Never completes synchronously, like a network call.
        await Task.Yield();
        await _release.Task.WaitAsync(cancellationToken);
        if (Latency > TimeSpan.Zero)
        {
            await Task.Delay(Latency, cancellationToken);
        }

        if (Fail)
        {
            throw new IOException("The store is down.");
        }
    }

    private static TaskCompletionSource NewRelease(bool released)
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (released)
        {
            release.SetResult();
        }

        return release;
    }
}
