using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using TimeToken.Core;
using TimeToken.Core.Media;

namespace TimeToken.Tests.Core.Media.Grants;

/// <summary>A grant store over a dictionary, counting look-ups; it can be told to fail.</summary>
internal sealed class RecordingGrantStore : IMediaGrantStore
{
    private int _lookups;

    public ConcurrentDictionary<string, MediaGrant> Grants { get; } = new(StringComparer.Ordinal);

    public int Lookups => Volatile.Read(ref _lookups);

    public bool Fail { get; set; }

    public ValueTask<MediaGrant?> FindAsync(string grantId, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _lookups);
        if (Fail)
        {
            throw new InvalidOperationException("The grant database is down.");
        }

        return ValueTask.FromResult(Grants.TryGetValue(grantId, out var grant) ? grant : null);
    }
}

/// <summary>A <see cref="MediaSite"/> with a grant store, and the steps of sharing a file.</summary>
internal sealed class GrantSite : IAsyncDisposable
{
    private GrantSite(MediaSite site, RecordingGrantStore store)
    {
        Site = site;
        Store = store;
    }

    public MediaSite Site { get; }

    public RecordingGrantStore Store { get; }

    public IMediaGrantCache Cache => Site.App.Services.GetRequiredService<IMediaGrantCache>();

    public IMediaGrantLinkSigner Signer => Site.App.Services.GetRequiredService<IMediaGrantLinkSigner>();

    public static async Task<GrantSite> StartAsync(int cacheSeconds = 30)
    {
        var store = new RecordingGrantStore();
        var site = await MediaSite.StartAsync(
            configure: o => o.MaxLifetimeSeconds = 7 * 24 * 3600,
            services: s =>
            {
                s.AddSingleton<IMediaGrantStore>(store);
                s.Configure<MediaGrantOptions>(o => o.CacheSeconds = cacheSeconds);
            });
        return new GrantSite(site, store);
    }

    /// <summary>Signs a share link and stores its grant, as a host does.</summary>
    public async Task<(string Url, MediaGrant Grant)> ShareAsync(string path, TimeSpan lifetime, string? downloadName = null)
    {
        var id = MediaGrantId.New();
        var link = await Signer.SignAsync("/media", path, id, lifetime, TestContext.Current.CancellationToken);
        Assert.NotNull(link);
        var grant = new MediaGrant(id, link.Path, link.ExpiresAt, downloadName, revokedAt: null);
        Store.Grants[id] = grant;
        return (link.Url, grant);
    }

    /// <summary>Marks a grant revoked in the store, without telling the cache.</summary>
    public void RevokeInStore(MediaGrant grant) =>
        Store.Grants[grant.Id] = new MediaGrant(grant.Id, grant.Path, grant.ExpiresAt, grant.DownloadName, Site.Time.GetUtcNow());

    public ValueTask DisposeAsync() => Site.DisposeAsync();
}
