using System.Diagnostics;

namespace TimeToken.Sample.Tests;

/// <summary>An invalid setting stops the real sample process with one line on stderr and exit code 1.</summary>
public sealed class StartupValidationTests
{
    [Theory]
    [InlineData("--TimeToken:TimeoutSeconds=5", "TimeToken:TimeoutSeconds")]
    [InlineData("--TimeToken:ParameterName=token", "TimeToken:ParameterName")]
    [InlineData("--TimeToken:FailureStatusCode=500", "TimeToken:FailureStatusCode")]
    [InlineData("--TimeToken:FailureStatusCode=abc", "TimeToken:FailureStatusCode")]
    [InlineData("--TimeToken:PublicNamespace=../secret/", "TimeToken:PublicNamespace")]
    [InlineData("--TimeToken:Uploads:MaxBytes=0", "TimeToken:Uploads:MaxBytes")]
    [InlineData("--TimeToken:Uploads:AllowedExtensions=pdf", "TimeToken:Uploads:AllowedExtensions")]
    [InlineData("--TimeToken:Benchmark:PlainPath=/media/raw", "TimeToken:Benchmark:PlainPath")]
    public async Task InvalidSetting_OnTheCommandLine_ExitsWithOneLineNamingIt(string argument, string key)
    {
        var (exitCode, stdout, stderr) = await RunSampleAsync([argument], environment: null);

        AssertOneLineFailure(exitCode, stdout, stderr, key);
    }

    [Fact]
    public async Task InvalidSetting_FromTheEnvironment_ExitsWithOneLineNamingIt()
    {
        var (exitCode, stdout, stderr) = await RunSampleAsync([], new() { ["TimeToken__TimeoutSeconds"] = "5" });

        AssertOneLineFailure(exitCode, stdout, stderr, "TimeToken:TimeoutSeconds");
    }

    private static void AssertOneLineFailure(int exitCode, string stdout, string stderr, string key)
    {
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.True(exitCode == 1, $"exit code {exitCode}; stdout: {stdout}; stderr: {stderr}");
        Assert.True(lines.Length == 1, "stderr must be one line: " + stderr);
        Assert.Contains(key, lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", stderr, StringComparison.Ordinal);
    }

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunSampleAsync(string[] arguments, Dictionary<string, string>? environment)
    {
        var contentRoot = Directory.CreateTempSubdirectory("timetoken-sample-").FullName;
        try
        {
            var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = contentRoot,
            };
            start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "TimeToken.Sample.dll"));
            start.ArgumentList.Add("--contentRoot=" + contentRoot);
            start.ArgumentList.Add("--urls=http://127.0.0.1:0");
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            foreach (var (name, value) in environment ?? [])
            {
                start.Environment[name] = value;
            }

            using var process = Process.Start(start)!;
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(60));
            var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
            var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException("The sample did not stop within 60 seconds; it should refuse the setting at start-up.");
            }

            return (process.ExitCode, await stdout, await stderr);
        }
        finally
        {
            Directory.Delete(contentRoot, recursive: true);
        }
    }
}
