namespace TimeToken.Tests.OrchardSite;

/// <summary>One running site with its default configuration, shared by the tests of <see cref="SharedOrchardSite"/>.</summary>
public sealed class OrchardSiteFixture : IAsyncLifetime
{
    /// <summary>The running site.</summary>
    public OrchardSiteHost Site { get; private set; } = null!;

    /// <inheritdoc />
    public async ValueTask InitializeAsync() => Site = await OrchardSiteHost.StartAsync();

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await Site.DisposeAsync();
}

/// <summary>The tests that share <see cref="OrchardSiteFixture"/>; they run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class SharedOrchardSite : ICollectionFixture<OrchardSiteFixture>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Orchard site";
}
