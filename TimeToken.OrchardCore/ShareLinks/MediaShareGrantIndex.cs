using YesSql.Indexes;

namespace TimeToken.OrchardCore.ShareLinks;

/// <summary>The columns share links are found by: the grant id (the gate), the file and the user (the admin list).</summary>
public sealed class MediaShareGrantIndex : MapIndex
{
    /// <summary>The grant id.</summary>
    public string GrantId { get; set; } = string.Empty;

    /// <summary>The normalised media path.</summary>
    public string Path { get; set; } = string.Empty;

    /// <summary>The name of the user who shared the file.</summary>
    public string OwnerUserName { get; set; } = string.Empty;

    /// <summary>When the link was made (UTC).</summary>
    public DateTime CreatedUtc { get; set; }

    /// <summary>When the link stops working (UTC).</summary>
    public DateTime ExpiresUtc { get; set; }

    /// <summary>Whether the link was revoked.</summary>
    public bool Revoked { get; set; }
}

/// <summary>Maps <see cref="MediaShareGrant"/> documents to <see cref="MediaShareGrantIndex"/>.</summary>
[global::OrchardCore.Modules.Feature(FeatureIds.ShareLinks)]
internal sealed class MediaShareGrantIndexProvider : IndexProvider<MediaShareGrant>
{
    public override void Describe(DescribeContext<MediaShareGrant> context) =>
        context.For<MediaShareGrantIndex>().Map(grant => new MediaShareGrantIndex
        {
            GrantId = grant.GrantId,
            Path = grant.Path,
            OwnerUserName = grant.OwnerUserName,
            CreatedUtc = grant.CreatedUtc,
            ExpiresUtc = grant.ExpiresUtc,
            Revoked = grant.RevokedUtc is not null,
        });
}
