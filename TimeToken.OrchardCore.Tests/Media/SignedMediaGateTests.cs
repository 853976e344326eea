using System.Net;
using Microsoft.Extensions.DependencyInjection;
using OrchardCore.Media;
using TimeToken.OrchardCore.Media;

namespace TimeToken.Tests.OrchardCore;

/// <summary>URLs made by the decorated store, requested through the module's gate in front of static files.</summary>
public sealed class SignedMediaGateTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> Names =>
    [
        "docs/report.txt",
        "docs/with space.txt",
        "docs/hash#1.txt",
        "docs/100%.txt",
        "docs/a+b.txt",
        "docs/ünïcödé.txt",
        "docs/日本語.txt",
        "docs/sub folder/x&y=z.txt",
    ];

    [Theory]
    [MemberData(nameof(Names))]
    public async Task Get_DecoratorUrl_PassesGate(string path)
    {
        // Arrange
        await using var host = await OrchardMediaHost.StartAsync();
        host.WriteFile(path, "content of " + path);

        // Act
        var url = host.Store.MapPathToPublicUrl(path);
        using var response = await host.Client.GetAsync(url, Ct);

        // Assert
        Assert.Equal(host.InnerStore.MapPathToPublicUrl(path), url[..url.IndexOf('?', StringComparison.Ordinal)]);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("content of " + path, await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task Get_UndecoratedUrl_Refused()
    {
        // Arrange
        await using var host = await OrchardMediaHost.StartAsync();
        host.WriteFile("docs/report.txt", "secret");

        // Act
        using var response = await host.Client.GetAsync(host.InnerStore.MapPathToPublicUrl("docs/report.txt"), Ct);

        // Assert
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Get_ResizeCommandsAndOrchardTokenAppended_StillPassesGate()
    {
        // Arrange: resize_url and AssetUrl append commands and Orchard's own token after our parameter.
        await using var host = await OrchardMediaHost.StartAsync();
        host.WriteFile("images/photo 1.jpg", "jpeg");

        // Act
        var url = host.Store.MapPathToPublicUrl("images/photo 1.jpg") + "&width=100&token=xyz";
        using var response = await host.Client.GetAsync(url, Ct);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Get_OrchardResizeTokenInsertedBeforeOurParameter_StillPassesGate()
    {
        // Arrange: Orchard's MediaTokenService puts the resize commands and its token first and re-appends other
        // keys (ours) after them.
        await using var host = await OrchardMediaHost.StartAsync();
        host.WriteFile("images/photo.jpg", "jpeg");
        var signed = host.Store.MapPathToPublicUrl("images/photo.jpg");
        var question = signed.IndexOf('?', StringComparison.Ordinal);

        // Act
        var url = signed[..question] + "?width=100&rmode=max&token=abc%3D" + "&" + signed[(question + 1)..];
        using var response = await host.Client.GetAsync(url, Ct);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Get_PublicFolder_UnsignedUrlServed()
    {
        // Arrange
        await using var host = await OrchardMediaHost.StartAsync();
        host.WriteFile("public/logo.png", "logo");

        // Act
        var url = host.Store.MapPathToPublicUrl("public/logo.png");
        using var response = await host.Client.GetAsync(url, Ct);

        // Assert
        Assert.Equal("/media/public/logo.png", url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Get_AfterLifetime_Refused()
    {
        // Arrange
        await using var host = await OrchardMediaHost.StartAsync();
        host.WriteFile("docs/report.txt", "secret");
        var url = host.Store.MapPathToPublicUrl("docs/report.txt");

        // Act
        host.Time.Advance(TimeSpan.FromHours(2));
        using var response = await host.Client.GetAsync(url, Ct);

        // Assert
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Get_ConfigurationOverridesParameterAndStatus_GateFollowsThem()
    {
        // Arrange
        await using var host = await OrchardMediaHost.StartAsync(new Dictionary<string, string?>
        {
            ["OrchardCore_TimeToken:ParameterName"] = "sig",
            ["OrchardCore_TimeToken:FailureStatusCode"] = "403",
        });
        host.WriteFile("docs/report.txt", "secret");

        // Act
        var url = host.Store.MapPathToPublicUrl("docs/report.txt");
        using var ok = await host.Client.GetAsync(url, Ct);
        using var refused = await host.Client.GetAsync("/media/docs/report.txt", Ct);

        // Assert
        Assert.Contains("?sig=", url, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Fact]
    public async Task Resolve_StoreBuiltWithEventHandlers_NoCycleAndHandlerReachesInnerStore()
    {
        // Arrange
        await using var host = await OrchardMediaHost.StartAsync();

        // Act
        var store = host.Services.GetRequiredService<IMediaFileStore>();

        // Assert
        var signing = Assert.IsType<SigningMediaFileStore>(store);
        Assert.Same(host.InnerStore, signing.Inner);
        Assert.Contains(host.InnerStore.Handlers, h => h is MediaVersionInvalidationHandler);
    }
}
