using Fluid;
using Fluid.Values;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrchardCore.Liquid;
using OrchardCore.Media;
using TimeToken.Core.Liquid;
using TimeToken.Core.Media;
using TimeToken.OrchardCore.Media;

namespace TimeToken.OrchardCore.Liquid;

/// <summary>
/// The Liquid filter <c>signed_media_url</c>: <c>{{ "docs/report.pdf" | signed_media_url }}</c> or
/// <c>{{ path | signed_media_url: lifetime: 60 }}</c>. See <see cref="SignedMediaUrlFilter"/> for input, output and
/// arguments.
/// </summary>
/// <remarks>
/// The URL is built by the undecorated media store (so it knows the CDN and the tenant prefix) and signed once,
/// with the lifetime asked for; <c>asset_url</c> already signs with the default lifetime.
/// </remarks>
internal sealed class SignedMediaUrlLiquidFilter : ILiquidFilter
{
    private readonly SignedMediaUrlFilter _filter;

    public SignedMediaUrlLiquidFilter(
        InnerMediaFileStore store,
        IMediaUrlSigner signer,
        IOptions<MediaOptions> mediaOptions,
        ILogger<SignedMediaUrlFilter> logger)
    {
        _filter = new SignedMediaUrlFilter(
            signer,
            mediaOptions.Value.AssetsRequestPath.Value ?? string.Empty,
            store.Store.MapPathToPublicUrl,
            logger);
    }

    /// <inheritdoc />
    public ValueTask<FluidValue> ProcessAsync(FluidValue input, FilterArguments arguments, LiquidTemplateContext context)
        => _filter.SignedMediaUrl(input, arguments, context);
}
