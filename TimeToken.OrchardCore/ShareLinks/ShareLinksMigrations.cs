using OrchardCore.Data.Migration;
using YesSql.Sql;

namespace TimeToken.OrchardCore.ShareLinks;

/// <summary>Creates the index table of share links.</summary>
[global::OrchardCore.Modules.Feature(FeatureIds.ShareLinks)]
internal sealed class ShareLinksMigrations : DataMigration
{
    /// <summary>Paths are as long as Orchard's media paths may be in a URL; grant ids are 22 characters.</summary>
    internal const int PathLength = 1024;

    public async Task<int> CreateAsync()
    {
        await SchemaBuilder.CreateMapIndexTableAsync<MediaShareGrantIndex>(table => table
            .Column<string>(nameof(MediaShareGrantIndex.GrantId), column => column.WithLength(Core.Media.MediaGrantId.Length))
            .Column<string>(nameof(MediaShareGrantIndex.Path), column => column.WithLength(PathLength))
            .Column<string>(nameof(MediaShareGrantIndex.OwnerUserName), column => column.WithLength(255))
            .Column<DateTime>(nameof(MediaShareGrantIndex.CreatedUtc))
            .Column<DateTime>(nameof(MediaShareGrantIndex.ExpiresUtc))
            .Column<bool>(nameof(MediaShareGrantIndex.Revoked)));

        await SchemaBuilder.AlterIndexTableAsync<MediaShareGrantIndex>(table => table
            .CreateIndex("IDX_MediaShareGrantIndex_GrantId", "DocumentId", nameof(MediaShareGrantIndex.GrantId)));

        await SchemaBuilder.AlterIndexTableAsync<MediaShareGrantIndex>(table => table
            .CreateIndex("IDX_MediaShareGrantIndex_Created", "DocumentId", nameof(MediaShareGrantIndex.CreatedUtc), nameof(MediaShareGrantIndex.OwnerUserName)));

        return 1;
    }
}
