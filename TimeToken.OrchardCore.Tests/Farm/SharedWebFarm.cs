namespace TimeToken.Tests.Farm;

/// <summary>
/// The test classes that share one <see cref="WebFarm"/>; they run one after another, and alone (a farm is two
/// Orchard processes and a database: timings taken on it mean something only without other tests beside it).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SharedWebFarm : ICollectionFixture<WebFarm>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Web farm";
}

/// <summary>The test classes of a farm with its own Redis, which they stop; they run alone too.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SharedPrivateRedisWebFarm : ICollectionFixture<PrivateRedisWebFarm>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Web farm with its own Redis";
}

/// <summary>Small helpers of the farm tests.</summary>
internal static class FarmLinks
{
    /// <summary>How long to wait for a change to reach the other node before the test fails.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    /// <summary>The value of a query parameter of a relative URL, or null.</summary>
    public static string? Query(string url, string name)
    {
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri(new Uri("http://x/"), url).Query);
        return query.TryGetValue(name, out var value) ? value.ToString() : null;
    }

    /// <summary>Writes a figure to the test output (the farm's delays are reported from there).</summary>
    public static void Report(string text) => TestContext.Current.TestOutputHelper?.WriteLine(text);
}
