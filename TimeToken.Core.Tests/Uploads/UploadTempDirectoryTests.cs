using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.Versioning;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TimeToken.Core.Uploads;
using TimeToken.Tests.TestSupport;

namespace TimeToken.Tests.Core.Uploads;

/// <summary>
/// The temporary upload folder is private to the application and a handler reads the bytes it received, never the
/// path again. Regression: the folder was <c>{temp}/timetoken-uploads</c>, accepted as found, files were 0644 and
/// handlers reopened each file by its path, so a local user could read uploads or swap a file for a symbolic link
/// to a file only the service account could read, which then landed in the media library.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class UploadTempDirectoryTests : IDisposable
{
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private readonly string _work = Directory.CreateTempSubdirectory("tt-tempdir-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        // A test host deletes its work folder itself.
        if (Directory.Exists(_work))
        {
            Directory.Delete(_work, recursive: true);
        }
    }

    [Fact]
    public void Prepare_MissingFolderAndParent_CreatedWithMode0700()
    {
        var folder = Path.Combine(_work, "app_data", "uploads");

        var prepared = UploadTempDirectory.Prepare(folder);

        Assert.Equal(folder, prepared);
        Assert.Equal(Private, File.GetUnixFileMode(folder));
    }

    [Fact]
    public void Prepare_ExistingPrivateFolder_Accepted()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_work, "mine"), Private).FullName;

        Assert.Equal(folder, UploadTempDirectory.Prepare(folder + "/"));
        Assert.Equal(Private, File.GetUnixFileMode(folder));
    }

    [Theory]
    [InlineData("755")]
    [InlineData("750")]
    [InlineData("701")]
    [InlineData("777")]
    [InlineData("1777")]
    public void Prepare_ExistingFolderWithGroupOrOtherBits_RefusedWithClearMessage(string octal)
    {
        var folder = Directory.CreateDirectory(Path.Combine(_work, "shared")).FullName;
        File.SetUnixFileMode(folder, (UnixFileMode)Convert.ToInt32(octal, 8));

        var error = Assert.Throws<InvalidOperationException>(() => UploadTempDirectory.Prepare(folder));

        Assert.Equal(
            $"The upload temporary folder '{folder}' is open to other users (mode {octal}); it must be 700. Upload bodies must stay private to this application: remove the folder, or set TimeToken's UploadSlotServerOptions.TempDirectory to a folder only this application's user can read (created with mode 700).",
            error.Message);
        Assert.Equal((UnixFileMode)Convert.ToInt32(octal, 8), File.GetUnixFileMode(folder));
    }

    [Fact]
    public void Prepare_ExistingFolderOwnedByAnotherUser_Refused()
    {
        Assert.SkipUnless(UnixOwner.EffectiveUserId == 0, "Giving a folder to another user needs root (chown).");
        var folder = Directory.CreateDirectory(Path.Combine(_work, "theirs"), Private).FullName;
        Chown(folder, "65534");

        var error = Assert.Throws<InvalidOperationException>(() => UploadTempDirectory.Prepare(folder));

        Assert.StartsWith($"The upload temporary folder '{folder}' is owned by another user (uid 65534, this process runs as uid 0).", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Prepare_SymbolicLinkToPrivateFolder_Refused()
    {
        var target = Directory.CreateDirectory(Path.Combine(_work, "target"), Private).FullName;
        var link = Path.Combine(_work, "link");
        Directory.CreateSymbolicLink(link, target);

        var error = Assert.Throws<InvalidOperationException>(() => UploadTempDirectory.Prepare(link));

        Assert.StartsWith($"The upload temporary folder '{link}' is not a folder (it is a file or a symbolic link).", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_ConfiguredFolderOpenToOthers_HostRefusesToStart()
    {
        Directory.CreateDirectory(Path.Combine(_work, "tmp"));
        File.SetUnixFileMode(Path.Combine(_work, "tmp"), (UnixFileMode)Convert.ToInt32("755", 8));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => UploadTestHost.StartAsync(workDirectory: _work));

        Assert.Contains("is open to other users (mode 755)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Path_NotConfigured_FreshPrivateFolderDeletedOnDispose()
    {
        var one = new UploadTempDirectory(Options.Create(new UploadSlotServerOptions()), TimeProvider.System, NullLogger<UploadTempDirectory>.Instance);
        var two = new UploadTempDirectory(Options.Create(new UploadSlotServerOptions()), TimeProvider.System, NullLogger<UploadTempDirectory>.Instance);
        var first = one.Path;
        var second = two.Path;

        Assert.NotEqual(first, second);
        Assert.StartsWith(Path.Combine(Path.GetTempPath(), "timetoken-uploads-"), first, StringComparison.Ordinal);
        Assert.Equal(Private, File.GetUnixFileMode(first));
        one.Dispose();
        two.Dispose();
        Assert.False(Directory.Exists(first));
        Assert.False(Directory.Exists(second));
    }

    [Fact]
    public async Task Post_WhileHandlerRuns_TempFileIs0600InFolder0700()
    {
        await using var host = await UploadTestHost.StartAsync(
            workDirectory: _work,
            services: s => s.AddUploadSlotHandler<ModeRecordingHandler>("modes").AddSingleton<ModeLog>());
        var slot = await host.CreateAsync(handler: "modes");

        using var response = await host.PostFileAsync(slot.Url, [1, 2, 3]);

        var modes = host.Services.GetRequiredService<ModeLog>();
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(Private, modes.Folder);
        Assert.Equal([UnixFileMode.UserRead | UnixFileMode.UserWrite], modes.Files);
        Assert.Empty(host.TempFiles());
    }

    [Fact]
    public async Task Post_TempPathSwappedForSymlinkMidUpload_HandlerStoresReceivedBytes()
    {
        var foreign = Path.Combine(_work, "root-only.txt");
        await File.WriteAllTextAsync(foreign, "FOREIGN-SECRET-CONTENT-0123456789", Ct);
        await using var host = await UploadTestHost.StartAsync(workDirectory: _work);
        var slot = await host.CreateAsync(SaveToFolderUploadSlotHandler.CreateArguments("in"), handler: UploadTestHost.SaveHandler);
        var content = Encoding.ASCII.GetBytes("uploaded-bytes-uploaded-bytes-xx");

        using var client = new TcpClient { NoDelay = true };
        await client.ConnectAsync(host.BaseAddress.Host, host.BaseAddress.Port, Ct);
        await using var stream = client.GetStream();
        var head = $"POST {slot.Url} HTTP/1.1\r\nHost: {host.BaseAddress.Authority}\r\nContent-Type: application/octet-stream\r\nX-File-Name: a.txt\r\nContent-Length: {content.Length}\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head), Ct);
        await stream.WriteAsync(content.AsMemory(0, 16), Ct);
        await stream.FlushAsync(Ct);

        // Wait for the body's temporary file, then swap its path for a link to another file, as a local attacker would.
        await UploadTestHost.EventuallyAsync(() => Task.FromResult(host.TempFiles().Length == 1));
        var temp = host.TempFiles().Single();
        File.Delete(temp);
        File.CreateSymbolicLink(temp, foreign);
        await stream.WriteAsync(content.AsMemory(16), Ct);
        await stream.FlushAsync(Ct);
        using var received = new MemoryStream();
        await stream.CopyToAsync(received, Ct);
        var response = RawHttp.Parse(received.ToArray());

        Assert.Equal(201, response.Status);
        Assert.Equal(content, await File.ReadAllBytesAsync(Path.Combine(host.SinkRoot, "in", "a.txt"), Ct));
        Assert.Equal("FOREIGN-SECRET-CONTENT-0123456789", await File.ReadAllTextAsync(foreign, Ct));
    }

    private static void Chown(string path, string owner)
    {
        using var process = Process.Start(new ProcessStartInfo("chown", [owner, path]) { UseShellExecute = false })!;
        Assert.True(process.WaitForExit(10_000));
        Assert.Equal(0, process.ExitCode);
    }

    internal sealed class ModeLog
    {
        public UnixFileMode Folder { get; set; }

        public List<UnixFileMode> Files { get; } = [];
    }

    [UnsupportedOSPlatform("windows")]
    internal sealed class ModeRecordingHandler : IUploadSlotHandler
    {
        private readonly ModeLog _log;
        private readonly UploadTempDirectory _directory;

        public ModeRecordingHandler(ModeLog log, UploadTempDirectory directory)
        {
            _log = log;
            _directory = directory;
        }

        public ValueTask<object?> HandleAsync(UploadSlotContext context, CancellationToken cancellationToken)
        {
            _log.Folder = File.GetUnixFileMode(_directory.Path);
            foreach (var file in Directory.GetFiles(_directory.Path))
            {
                _log.Files.Add(File.GetUnixFileMode(file));
            }

            return ValueTask.FromResult<object?>(new { ok = true });
        }
    }
}
