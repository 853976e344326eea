using System.Net;
using System.Text.RegularExpressions;
using Fluid;
using Fluid.Values;
using Microsoft.Extensions.DependencyInjection;
using OrchardCore;
using OrchardCore.Liquid;
using TimeToken.Core.Media;
using TimeToken.OrchardCore.Liquid;

namespace TimeToken.Tests.OrchardCore;

/// <summary>The Liquid filter <c>signed_media_url</c> and the Razor helper <c>Orchard.SignedMediaUrl</c>.</summary>
public sealed partial class SignedMediaUrlTemplateTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [GeneratedRegex("[?&]tt=")]
    private static partial Regex TokenParameter();

    private static async Task<string> FilterAsync(OrchardMediaHost host, FluidValue input, FilterArguments? arguments = null)
    {
        using var scope = host.Services.CreateScope();
        var filter = ActivatorUtilities.CreateInstance<SignedMediaUrlLiquidFilter>(scope.ServiceProvider);
        var context = new LiquidTemplateContext(scope.ServiceProvider, new TemplateOptions());
        var result = await filter.ProcessAsync(input, arguments ?? new FilterArguments(), context);
        return result.ToStringValue();
    }

    [Fact]
    public async Task Filter_StoragePath_OneTokenAndPassesGate()
    {
        // Arrange
        await using var host = await OrchardMediaHost.StartAsync();
        host.WriteFile("docs/with space.txt", "body");

        // Act
        var url = await FilterAsync(host, new StringValue("docs/with space.txt"));
        using var response = await host.Client.GetAsync(url, Ct);

        // Assert
        Assert.Single(TokenParameter().Matches(url));
        Assert.StartsWith("/media/docs/with%20space.txt?tt=", url, StringComparison.Ordinal);
        Assert.Equal(host.Store.MapPathToPublicUrl("docs/with space.txt"), url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Filter_Lifetime_ShorterExpiryThanDefault()
    {
        // Arrange
        await using var host = await OrchardMediaHost.StartAsync();
        host.WriteFile("docs/report.txt", "body");
        var signer = host.Services.GetRequiredService<IMediaUrlSigner>();
        var arguments = new FilterArguments().Add("lifetime", NumberValue.Create(60));

        // Act
        var url = await FilterAsync(host, new StringValue("docs/report.txt"), arguments);

        // Assert
        Assert.Single(TokenParameter().Matches(url));
        Assert.Equal(signer.AddToken("/media/docs/report.txt", "docs/report.txt", TimeSpan.FromSeconds(60)), url);
        Assert.NotEqual(host.Store.MapPathToPublicUrl("docs/report.txt"), url);
    }

    [Fact]
    public async Task Filter_Nil_Empty()
    {
        // Arrange
        await using var host = await OrchardMediaHost.StartAsync();

        // Act
        var url = await FilterAsync(host, NilValue.Instance);

        // Assert
        Assert.Equal(string.Empty, url);
    }

    [Fact]
    public async Task RazorHelper_StoragePath_OneTokenAndPassesGate()
    {
        // Arrange
        await using var host = await OrchardMediaHost.StartAsync();
        host.WriteFile("docs/ünï #1.txt", "body");
        using var scope = host.Services.CreateScope();
        var orchard = new FakeOrchardHelper(scope.ServiceProvider);

        // Act
        var url = orchard.SignedMediaUrl("docs/ünï #1.txt");
        var shortUrl = orchard.SignedMediaUrl("docs/ünï #1.txt", TimeSpan.FromMinutes(1));
        using var response = await host.Client.GetAsync(url, Ct);

        // Assert
        Assert.Single(TokenParameter().Matches(url));
        Assert.Equal(host.Store.MapPathToPublicUrl("docs/ünï #1.txt"), url);
        Assert.NotEqual(url, shortUrl);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public void RazorHelper_Type_GlobalNamespaceLikeOrchardHelpers()
    {
        // Razor views import no OrchardCore namespace; Orchard Core declares its IOrchardHelper extensions
        // (MediaOrchardRazorHelperExtensions and the others) in the global namespace so views need no @using.
        Assert.Null(typeof(TimeTokenOrchardHelperExtensions).Namespace);
    }

    [Fact]
    public async Task RazorHelper_DotSegment_Empty()
    {
        // Arrange
        await using var host = await OrchardMediaHost.StartAsync();
        var orchard = new FakeOrchardHelper(host.Services);

        // Act
        var url = orchard.SignedMediaUrl("public/../secret.txt");

        // Assert
        Assert.Equal(string.Empty, url);
    }
}
