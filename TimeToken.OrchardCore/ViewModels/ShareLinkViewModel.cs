namespace TimeToken.OrchardCore.ViewModels;

/// <summary>The "Share link" page: the form, and the link once made.</summary>
public sealed class ShareLinkViewModel
{
    /// <summary>The value of the custom lifetime choice.</summary>
    public const string CustomLifetime = "custom";

    /// <summary>The media path of the file to share.</summary>
    public string? Path { get; set; }

    /// <summary>The lifetime chosen: a number of seconds among the presets, or <see cref="CustomLifetime"/>.</summary>
    public string? Lifetime { get; set; }

    /// <summary>The custom lifetime, in minutes.</summary>
    public int? CustomMinutes { get; set; }

    /// <summary>The name to download the file under; empty for its own name.</summary>
    public string? DownloadName { get; set; }

    /// <summary>The presets offered (seconds and caption), those no longer than the longest lifetime.</summary>
    public IReadOnlyList<(long Seconds, string Caption)> Presets { get; set; } = [];

    /// <summary>The longest lifetime, in seconds.</summary>
    public long MaxLifetimeSeconds { get; set; }

    /// <summary>The link made, absolute; <see langword="null"/> before.</summary>
    public string? Link { get; set; }

    /// <summary>When the link made stops working.</summary>
    public DateTimeOffset? ExpiresAt { get; set; }
}

/// <summary>The "Shared links" page.</summary>
public sealed class SharedLinksViewModel
{
    /// <summary>The file filter.</summary>
    public string? Path { get; set; }

    /// <summary>The user filter.</summary>
    public string? User { get; set; }

    /// <summary>The grants shown, newest first.</summary>
    public IReadOnlyList<ShareLinks.MediaShareGrant> Grants { get; set; } = [];

    /// <summary>The current time, to tell expired grants.</summary>
    public DateTime NowUtc { get; set; }
}
