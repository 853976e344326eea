namespace TimeToken.Sample;

/// <summary>Starts the sample site; an invalid setting stops it with one line on stderr and exit code 1.</summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        WebApplication app;
        try
        {
            app = SampleApp.Build(args);
        }
        catch (SampleConfigurationException exception)
        {
            await Console.Error.WriteLineAsync(exception.Message).ConfigureAwait(false);
            return 1;
        }

        await using (app.ConfigureAwait(false))
        {
            await app.RunAsync().ConfigureAwait(false);
        }

        return 0;
    }
}
