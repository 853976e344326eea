using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace TimeToken.Core.Uploads;

/// <summary>
/// The folder that holds upload bodies while they stream in: private to this application. On Unix it is created by
/// us with mode <c>0700</c>; a folder that already exists is used only when it is a real folder (not a link) owned
/// by this process's user with no group or other permission bits, otherwise start-up is refused with a clear error.
/// </summary>
/// <remarks>
/// Without <see cref="UploadSlotServerOptions.TempDirectory"/>, a fresh folder with a random name is made in the
/// system temp folder (<see cref="Directory.CreateTempSubdirectory"/>, mode <c>0700</c>) and deleted when the
/// application stops. On Linux the owner is read with <c>statx</c> and compared with the process's effective uid;
/// elsewhere on Unix it is checked by setting the folder's own mode again, which only its owner (or root) may do.
/// </remarks>
internal sealed class UploadTempDirectory : IUploadTempFolder, IDisposable
{
    /// <summary>Temporary files older than this are left-overs of a crash; no upload request lasts that long.</summary>
    internal static readonly TimeSpan StaleTempFileAge = TimeSpan.FromHours(6);


    /// <summary>The mode of the folder on Unix: owner only.</summary>
    internal const UnixFileMode FolderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>The mode of each temporary file on Unix: owner read and write.</summary>
    internal const UnixFileMode TempFileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private const UnixFileMode GroupAndOther =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    private readonly Lock _gate = new();
    private readonly IOptions<UploadSlotServerOptions> _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private string? _path;
    private bool _ownsPath;

    public UploadTempDirectory(IOptions<UploadSlotServerOptions> options, TimeProvider timeProvider, ILogger<UploadTempDirectory> logger)
    {
        _options = options;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <summary>The full path of the private folder, made and checked on first use.</summary>
    /// <exception cref="InvalidOperationException">The configured folder exists but is not private to this application.</exception>
    public string Path
    {
        get
        {
            if (Volatile.Read(ref _path) is { } path)
            {
                return path;
            }

            lock (_gate)
            {
                if (_path is null)
                {
                    var configured = _options.Value.TempDirectory;
                    if (string.IsNullOrWhiteSpace(configured))
                    {
                        _path = Directory.CreateTempSubdirectory("timetoken-uploads-").FullName;
                        _ownsPath = true;
                    }
                    else
                    {
                        _path = Prepare(configured);
                    }
                }

                return _path;
            }
        }
    }

    /// <summary>
    /// Makes <paramref name="directory"/> (mode <c>0700</c> on Unix) or checks the folder already there; refuses a
    /// link, a folder with group or other permission bits, and a folder owned by another user.
    /// </summary>
    /// <param name="directory">The folder.</param>
    /// <returns>Its full path.</returns>
    /// <exception cref="InvalidOperationException">The folder is not private to this application.</exception>
    internal static string Prepare(string directory)
    {
        var full = System.IO.Path.TrimEndingDirectorySeparator(System.IO.Path.GetFullPath(directory));
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(full);
            return full;
        }

        if (!Directory.Exists(full) && !File.Exists(full))
        {
            var parent = System.IO.Path.GetDirectoryName(full);
            if (!string.IsNullOrEmpty(parent))
            {
                Directory.CreateDirectory(parent);
            }

            Directory.CreateDirectory(full, FolderMode);
        }

        var info = new DirectoryInfo(full);
        if (!info.Exists || info.LinkTarget is not null)
        {
            throw Refused(full, "is not a folder (it is a file or a symbolic link)");
        }

        var mode = info.UnixFileMode;
        if ((mode & GroupAndOther) != 0)
        {
            throw Refused(full, string.Create(CultureInfo.InvariantCulture, $"is open to other users (mode {Convert.ToString((int)mode, 8)}); it must be 700"));
        }

        if (UnixOwner.TryGetOwner(full, out var owner))
        {
            if (owner != UnixOwner.EffectiveUserId)
            {
                throw Refused(full, string.Create(CultureInfo.InvariantCulture, $"is owned by another user (uid {owner}, this process runs as uid {UnixOwner.EffectiveUserId})"));
            }
        }
        else
        {
            try
            {
                // Without statx (not Linux): only the owner (or root) may change a folder's mode, so setting the same
                // mode again proves ownership.
                File.SetUnixFileMode(full, mode);
            }
            catch (UnauthorizedAccessException)
            {
                throw Refused(full, "is owned by another user");
            }
        }

        return full;
    }

    public Task Prepare()
    {
        _ = Path;
        return Task.Run(DeleteStaleFiles, CancellationToken.None);
    }

    /// <summary>
    /// Deletes temporary files left by a process that crashed mid-upload: <c>*.upload</c> files older than
    /// <see cref="StaleTempFileAge"/>, and those no process holds open any more (<see cref="OrphanTempFile"/>), so a
    /// node killed mid-upload leaves nothing once it starts again. Best effort.
    /// </summary>
    /// <returns>How many files were deleted.</returns>
    public int DeleteStaleFiles()
    {
        var deleted = 0;
        try
        {
            var cutoff = _timeProvider.GetUtcNow().UtcDateTime - StaleTempFileAge;
            foreach (var path in Directory.EnumerateFiles(Path, "*.upload"))
            {
                var written = File.GetLastWriteTimeUtc(path);
                if (written < cutoff || OrphanTempFile.IsOrphan(path, written))
                {
                    File.Delete(path);
                    deleted++;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Log.UploadTempFileNotDeleted(_logger, ex);
        }

        Log.UploadStaleTempFilesDeleted(_logger, deleted);
        return deleted;
    }

    /// <summary>Deletes the folder when it was made with a random name for this process.</summary>
    public void Dispose()
    {
        if (_ownsPath && _path is not null)
        {
            try
            {
                Directory.Delete(_path, recursive: true);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                Log.UploadTempFileNotDeleted(_logger, ex);
            }
        }
    }

    private static InvalidOperationException Refused(string path, string reason) =>
        new($"The upload temporary folder '{path}' {reason}. Upload bodies must stay private to this application: remove the folder, or set TimeToken's UploadSlotServerOptions.TempDirectory to a folder only this application's user can read (created with mode 700).");
}

/// <summary>
/// Checks the temporary upload folder when the host starts (an unsafe folder stops start-up with a clear error),
/// then deletes stale temporary files once, in the background.
/// </summary>
internal sealed class UploadTempDirectoryService : Microsoft.Extensions.Hosting.IHostedService
{
    private readonly UploadTempDirectory _directory;
    private Task _cleanup = Task.CompletedTask;

    public UploadTempDirectoryService(UploadTempDirectory directory)
    {
        _directory = directory;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _cleanup = _directory.Prepare();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => _cleanup.WaitAsync(cancellationToken);
}

/// <summary>The owner of a file on Linux, read with <c>statx</c> (glibc 2.28 or later), and this process's uid.</summary>
internal static class UnixOwner
{
    /// <summary>The effective uid of this process, or -1 where it cannot be read.</summary>
    public static long EffectiveUserId { get; } = ReadEffectiveUserId();

    /// <summary>Reads the owner uid of <paramref name="path"/> without following a final link.</summary>
    /// <param name="path">The path.</param>
    /// <param name="owner">The owner's uid.</param>
    /// <returns>Whether it could be read (Linux with statx only).</returns>
    public static bool TryGetOwner(string path, out long owner)
    {
        owner = -1;
        if (!OperatingSystem.IsLinux() || EffectiveUserId < 0)
        {
            return false;
        }

        try
        {
            // struct statx: the uid is the u32 at offset 20 on every architecture.
            var buffer = new byte[256];
            // The path as NUL-terminated UTF-8 bytes.
            var name = System.Text.Encoding.UTF8.GetBytes(path + "\0");
            if (NativeMethods.statx(NativeMethods.AtFdCwd, name, NativeMethods.AtSymlinkNoFollow, NativeMethods.StatxUid, buffer) != 0)
            {
                return false;
            }

            owner = BitConverter.ToUInt32(buffer, 20);
            return true;
        }
        catch (Exception ex) when (ex is EntryPointNotFoundException or DllNotFoundException)
        {
            return false;
        }
    }

    private static long ReadEffectiveUserId()
    {
        if (!OperatingSystem.IsLinux())
        {
            return -1;
        }

        try
        {
            return NativeMethods.geteuid();
        }
        catch (Exception ex) when (ex is EntryPointNotFoundException or DllNotFoundException)
        {
            return -1;
        }
    }

    private static class NativeMethods
    {
        public const int AtFdCwd = -100;
        public const int AtSymlinkNoFollow = 0x100;
        public const uint StatxUid = 0x8;

        [System.Runtime.InteropServices.DllImport("libc", SetLastError = true)]
        [System.Runtime.InteropServices.DefaultDllImportSearchPaths(System.Runtime.InteropServices.DllImportSearchPath.SafeDirectories)]
        public static extern int statx(int dirfd, byte[] pathname, int flags, uint mask, byte[] statxbuf);

        [System.Runtime.InteropServices.DllImport("libc")]
        [System.Runtime.InteropServices.DefaultDllImportSearchPaths(System.Runtime.InteropServices.DllImportSearchPath.SafeDirectories)]
        public static extern uint geteuid();
    }
}
