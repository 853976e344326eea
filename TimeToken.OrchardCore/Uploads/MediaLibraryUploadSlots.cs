using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using OrchardCore.Environment.Shell;
using OrchardCore.Media;
using TimeToken.Core.Uploads;

namespace TimeToken.OrchardCore.Uploads;

/// <summary>
/// Creates upload slots that save into a media-library folder, within Orchard's media limits
/// (<c>OrchardCore_Media:AllowedFileExtensions</c> and <c>MaxFileSize</c>).
/// </summary>
/// <remarks>
/// <code>
/// var slot = await mediaLibraryUploadSlots.CreateAsync("uploads/invoices", new UploadSlotOptions { AllowedExtensions = [".pdf"] });
/// // slot.Url: "/{tenant prefix}/timetoken/upload/{slotId}/{token}", to POST one file to.
/// </code>
/// </remarks>
public sealed class MediaLibraryUploadSlots
{
    private readonly IUploadSlotService _slots;
    private readonly MediaOptions _mediaOptions;
    private readonly ShellSettings _shellSettings;
    private readonly IHttpContextAccessor _httpContextAccessor;

    /// <summary>Creates the service.</summary>
    /// <param name="slots">The upload slot service.</param>
    /// <param name="mediaOptions">Orchard's media options.</param>
    /// <param name="shellSettings">The tenant, whose URL prefix starts the slot's URL outside a request.</param>
    /// <param name="httpContextAccessor">The current request, whose path base (application and tenant) starts the slot's URL.</param>
    public MediaLibraryUploadSlots(IUploadSlotService slots, IOptions<MediaOptions> mediaOptions, ShellSettings shellSettings, IHttpContextAccessor httpContextAccessor)
    {
        ArgumentNullException.ThrowIfNull(mediaOptions);
        _slots = slots;
        _mediaOptions = mediaOptions.Value;
        _shellSettings = shellSettings;
        _httpContextAccessor = httpContextAccessor;
    }

    /// <summary>
    /// Creates a slot whose file is saved into <paramref name="folder"/> of the media library. The limits are the
    /// narrower of <paramref name="options"/> and the media options: the size at most <c>MaxFileSize</c>, the
    /// extensions only those the media library allows.
    /// </summary>
    /// <param name="folder">The media folder, such as <c>uploads/invoices</c>; empty for the root.</param>
    /// <param name="options">Limits and lifetime; default the configured upload limits.</param>
    /// <param name="cancellationToken">Cancels the creation.</param>
    /// <returns>
    /// The slot; its <see cref="UploadSlot.Url"/> starts with the request's path base (Orchard puts the tenant prefix
    /// there) or, outside a request, with the tenant's URL prefix.
    /// </returns>
    /// <exception cref="ArgumentException"><paramref name="folder"/> is not a relative folder, or no requested extension is allowed by the media library.</exception>
    public async Task<UploadSlot> CreateAsync(string folder, UploadSlotOptions? options = null, CancellationToken cancellationToken = default)
    {
        var arguments = SaveToFolderUploadSlotHandler.CreateArguments(folder);
        return await CreateAsync(MediaLibraryUploadSlotHandler.Name, arguments, options, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Creates a slot for another handler that stores into the media library, within the media limits, with the URL
    /// starting with the path base as <see cref="CreateAsync(string, UploadSlotOptions?, CancellationToken)"/> does.
    /// </summary>
    internal async Task<UploadSlot> CreateAsync(string handlerName, System.Text.Json.JsonElement arguments, UploadSlotOptions? options, CancellationToken cancellationToken)
    {
        var narrowed = Narrow(options, _mediaOptions);
        var slot = await _slots.CreateAsync(handlerName, arguments, narrowed, cancellationToken).ConfigureAwait(false);
        var pathBase = _httpContextAccessor.HttpContext is { } httpContext
            ? httpContext.Request.PathBase.Value?.TrimEnd('/')
            : _shellSettings.RequestUrlPrefix?.Trim('/') is { Length: > 0 } prefix ? "/" + prefix : null;
        return string.IsNullOrEmpty(pathBase)
            ? slot
            : new UploadSlot(pathBase + slot.Url, slot.ExpiresAt, slot.MaxBytes, slot.AllowedExtensions, slot.MaxFiles);
    }

    /// <summary>The slot options within the media limits.</summary>
    internal static UploadSlotOptions Narrow(UploadSlotOptions? options, MediaOptions mediaOptions)
    {
        var maxBytes = options?.MaxBytes;
        if (mediaOptions.MaxFileSize > 0)
        {
            maxBytes = maxBytes is { } requested ? Math.Min(requested, mediaOptions.MaxFileSize) : mediaOptions.MaxFileSize;
        }

        IReadOnlyCollection<string>? extensions = options?.AllowedExtensions;
        if (mediaOptions.AllowedFileExtensions is { Count: > 0 } allowed)
        {
            extensions = extensions is null
                ? allowed.ToArray()
                : extensions.Where(e => IsAllowedByMedia(mediaOptions, e)).ToArray();
            if (extensions.Count == 0)
            {
                throw new ArgumentException("None of the requested extensions is allowed by the media library.", nameof(options));
            }
        }

        return new UploadSlotOptions
        {
            Lifetime = options?.Lifetime,
            MaxFiles = options?.MaxFiles,
            MaxBytes = maxBytes,
            AllowedExtensions = extensions,
        };
    }

    /// <summary>Whether Orchard's media options allow an extension (with its dot); every extension when none are listed.</summary>
    internal static bool IsAllowedByMedia(MediaOptions mediaOptions, string? extension)
    {
        if (mediaOptions.AllowedFileExtensions is not { Count: > 0 } allowed)
        {
            return true;
        }

        return !string.IsNullOrEmpty(extension) && allowed.Any(a => string.Equals(a, extension, StringComparison.OrdinalIgnoreCase));
    }
}
