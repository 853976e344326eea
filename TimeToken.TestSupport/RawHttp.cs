using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace TimeToken.Tests.TestSupport;

/// <summary>One HTTP/1.1 response read off a socket, as the bytes arrived.</summary>
/// <param name="Status">The status code, or 0 when the server closed the connection without a status line.</param>
/// <param name="Headers">The header lines in order, names as sent.</param>
/// <param name="Body">The body bytes (still chunk-encoded if the response was chunked).</param>
/// <param name="Raw">Everything the server sent.</param>
internal sealed record RawResponse(int Status, IReadOnlyList<KeyValuePair<string, string>> Headers, byte[] Body, byte[] Raw)
{
    public string BodyText => Encoding.Latin1.GetString(Body);

    /// <summary>Header names and values, sorted, leaving out the ones named in <paramref name="except"/>.</summary>
    public string HeaderSignature(params string[] except) => string.Join(
        "\n",
        Headers.Where(h => !except.Contains(h.Key, StringComparer.OrdinalIgnoreCase))
            .Select(h => h.Key.ToLowerInvariant() + ": " + h.Value)
            .Order(StringComparer.Ordinal));

    public string? Header(string name) => Headers.FirstOrDefault(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Value;

    /// <summary>Whether <paramref name="marker"/> occurs anywhere in what the server sent, headers included.</summary>
    public bool Contains(byte[] marker) => Raw.AsSpan().IndexOf(marker) >= 0;
}

/// <summary>
/// Sends requests byte for byte over a TCP socket, so no client library normalises the target, the method or the
/// headers on the way.
/// </summary>
internal static class RawHttp
{
    /// <summary>Sends one request with <c>Connection: close</c> and reads the whole response.</summary>
    /// <param name="address">The server, such as <c>http://127.0.0.1:5000/</c>.</param>
    /// <param name="method">The method, sent as is.</param>
    /// <param name="target">The request target, sent as Latin-1 bytes (so any byte 0–255 can be sent).</param>
    /// <param name="extraHeaders">More header lines, each ending in <c>\r\n</c>.</param>
    /// <param name="body">A body sent after the head (the caller declares its length in <paramref name="extraHeaders"/>).</param>
    /// <param name="cancellationToken">Cancels the exchange.</param>
    public static Task<RawResponse> SendAsync(Uri address, string method, string target, string extraHeaders = "", byte[]? body = null, CancellationToken cancellationToken = default) =>
        SendBytesAsync(address, [.. Encoding.Latin1.GetBytes($"{method} {target} HTTP/1.1\r\nHost: {address.Authority}\r\n{extraHeaders}Connection: close\r\n\r\n"), .. body ?? []], cancellationToken);

    /// <summary>Sends <paramref name="request"/> as it is and reads until the server closes the connection.</summary>
    public static async Task<RawResponse> SendBytesAsync(Uri address, byte[] request, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(20));
        using var client = new TcpClient { NoDelay = true };
        await client.ConnectAsync(address.Host, address.Port, timeout.Token);
        await using var stream = client.GetStream();
        await stream.WriteAsync(request, timeout.Token);
        using var buffer = new MemoryStream();
        try
        {
            await stream.CopyToAsync(buffer, timeout.Token);
        }
        catch (IOException)
        {
            // A reset after the response (Kestrel closing a connection it refused) still leaves what was read.
        }

        return Parse(buffer.ToArray());
    }

    /// <summary>Splits a raw HTTP/1.1 response into status, headers and body.</summary>
    public static RawResponse Parse(byte[] raw)
    {
        var headEnd = raw.AsSpan().IndexOf("\r\n\r\n"u8);
        if (raw.Length < 12 || headEnd < 0)
        {
            return new RawResponse(0, [], [], raw);
        }

        var head = Encoding.Latin1.GetString(raw, 0, headEnd).Split("\r\n");
        var status = int.Parse(head[0].AsSpan(9, 3), NumberStyles.None, CultureInfo.InvariantCulture);
        var headers = new List<KeyValuePair<string, string>>();
        foreach (var line in head.Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            headers.Add(new(line[..colon], line[(colon + 1)..].Trim()));
        }

        return new RawResponse(status, headers, raw[(headEnd + 4)..], raw);
    }
}
