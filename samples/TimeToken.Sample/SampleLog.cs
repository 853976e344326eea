namespace TimeToken.Sample;

internal static partial class SampleLog
{
    [LoggerMessage(1, LogLevel.Information, "Created the media folder {MediaRoot} with sample files.")]
    public static partial void MediaSeeded(ILogger logger, string mediaRoot);

    [LoggerMessage(2, LogLevel.Information, "Media folder {MediaRoot}, served at /media behind the time-token gate; public folder '{PublicNamespace}'.")]
    public static partial void MediaServed(ILogger logger, string mediaRoot, string publicNamespace);

    [LoggerMessage(3, LogLevel.Warning, "Benchmark switch on: the media folder is also served WITHOUT the gate at {PlainPath}. Never use this outside a benchmark.")]
    public static partial void PlainPathOn(ILogger logger, string plainPath);
}
