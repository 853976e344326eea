using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace TimeToken.Tests.Core.Media;

/// <summary>What the middleware after the gate sees of a request's query.</summary>
public sealed class MediaGateQueryTests
{
    private readonly ConcurrentQueue<(string? Raw, string Keys)> _seen = new();

    [Fact]
    public async Task Get_ValidToken_NextMiddlewareSeesQueryWithoutToken()
    {
        await using var site = await StartAsync();
        var url = site.Url("docs/report.txt");
        var token = url[(url.IndexOf("tt=", StringComparison.Ordinal) + 3)..];

        using var response = await site.GetAsync("/media/docs/report.txt?width=100&tt=" + token + "&b=%20x+y");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var (raw, keys) = Assert.Single(_seen);
        Assert.Equal("?width=100&b=%20x+y", raw);
        Assert.Equal("width,b", keys);
    }

    [Fact]
    public async Task Get_TokenOnly_NextMiddlewareSeesNoQuery()
    {
        await using var site = await StartAsync();

        using var response = await site.GetAsync(site.Url("docs/report.txt"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var (raw, keys) = Assert.Single(_seen);
        Assert.True(string.IsNullOrEmpty(raw), raw);
        Assert.Equal(string.Empty, keys);
    }

    [Fact]
    public async Task Get_PublicFileWithParameterOfTheTokenName_PassesUntouched()
    {
        // Only an accepted token is taken out; a public request goes on as it came.
        await using var site = await StartAsync();

        using var response = await site.GetAsync("/media/public/hello.txt?tt=anything&a=1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("?tt=anything&a=1", Assert.Single(_seen).Raw);
    }

    private Task<MediaSite> StartAsync() => MediaSite.StartAsync(afterGate: app => app.Use((context, next) =>
    {
        _seen.Enqueue((context.Request.QueryString.Value, string.Join(',', context.Request.Query.Keys)));
        return next(context);
    }));
}
