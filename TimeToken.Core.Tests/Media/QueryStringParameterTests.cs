using Microsoft.AspNetCore.Http;
using TimeToken.Core.Media;

namespace TimeToken.Tests.Core.Media;

public sealed class QueryStringParameterTests
{
    [Theory]
    [InlineData("?tt=K.1.M", "")]
    [InlineData("?tt=K.1.M&width=100", "?width=100")]
    [InlineData("?width=100&tt=K.1.M", "?width=100")]
    [InlineData("?width=100&tt=K.1.M&token=abc%3D", "?width=100&token=abc%3D")]
    [InlineData("?a=1&&tt=K.1.M&b=%20x+y", "?a=1&&b=%20x+y")]
    [InlineData("?%74t=K.1.M&a=1", "?a=1")]
    [InlineData("?tt&a=1", "?a=1")]
    [InlineData("?TT=x&tt[]=y&tt[k]=z&a=1", "?a=1")]
    [InlineData("?ttt=1&xtt=2&t=3", "?ttt=1&xtt=2&t=3")]
    public void Remove_Query_OtherPartsKeptInOrderAndRaw(string query, string expected)
    {
        var result = QueryStringParameter.Remove(new QueryString(query), "tt");

        Assert.Equal(expected, result.Value ?? string.Empty);
    }

    [Fact]
    public void Remove_NoSuchParameter_SameQueryNoNewString()
    {
        var query = new QueryString("?width=100&height=50");

        var result = QueryStringParameter.Remove(query, "tt");

        Assert.Same(query.Value, result.Value);
    }

    [Fact]
    public void Remove_EmptyQuery_Empty()
    {
        Assert.False(QueryStringParameter.Remove(QueryString.Empty, "tt").HasValue);
    }

    [Fact]
    public void Remove_QueryLongerThanStackBuffer_Removed()
    {
        var filler = "a=" + new string('x', 2000);

        var result = QueryStringParameter.Remove(new QueryString("?" + filler + "&tt=K.1.M&b=2"), "tt");

        Assert.Equal("?" + filler + "&b=2", result.Value);
    }
}
