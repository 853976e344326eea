using System.Buffers;
using System.Text;
using TimeToken.Core.Signing;

namespace TimeToken.Core.Media;

/// <summary>
/// URL helpers shared by the signer, the gate and the Liquid filter; the one place that says which query parameter is
/// the token (<see cref="Classify"/>): the signer replaces it (<see cref="SetParameter"/>), the gate reads it
/// (<see cref="FindToken"/>), the module's content cleaning removes it (<see cref="IsParameter"/>).
/// </summary>
internal static class MediaUrl
{
    // What Uri.EscapeDataString leaves as is (RFC 3986 unreserved), plus the separator EscapePath keeps.
    private static readonly SearchValues<char> s_unescapedPathChars =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~/");

    /// <summary>
    /// Escapes each segment of a media path with <see cref="Uri.EscapeDataString(string)"/> and joins them with
    /// <c>/</c>, as Orchard Core's <c>NormalizeAndEscapePath</c> does.
    /// </summary>
    /// <param name="normalizedPath">A path from <see cref="MediaPath.TryNormalize"/>.</param>
    /// <returns>The escaped path, without a leading <c>/</c>.</returns>
    public static string EscapePath(string normalizedPath)
    {
        ArgumentNullException.ThrowIfNull(normalizedPath);

        // Most paths need no escaping: then the escaped path is the path itself, and nothing is allocated.
        return normalizedPath.AsSpan().ContainsAnyExcept(s_unescapedPathChars)
            ? string.Join('/', normalizedPath.Split('/').Select(Uri.EscapeDataString))
            : normalizedPath;
    }

    /// <summary>
    /// Sets a query parameter on a URL: removes every parameter of that name (any case, and its <c>name[]</c> array
    /// forms), then appends <c>name=value</c> after the rest of the query and before any <c>#fragment</c>.
    /// </summary>
    /// <param name="url">The URL or path.</param>
    /// <param name="name">The parameter name (URL-safe).</param>
    /// <param name="value">The value (URL-safe; not escaped).</param>
    /// <returns>The new URL.</returns>
    public static string SetParameter(string url, string name, string value)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(value);

        // No query and no fragment, the usual case: one string, no builder.
        if (url.AsSpan().IndexOfAny('?', '#') < 0)
        {
            return string.Concat(url, "?", name, "=", value);
        }

        var hash = url.IndexOf('#', StringComparison.Ordinal);
        var fragment = hash >= 0 ? url[hash..] : string.Empty;
        var beforeFragment = hash >= 0 ? url[..hash] : url;
        var question = beforeFragment.IndexOf('?', StringComparison.Ordinal);
        var path = question >= 0 ? beforeFragment[..question] : beforeFragment;

        var builder = new StringBuilder(url.Length + name.Length + value.Length + 2).Append(path);
        var separator = '?';
        if (question >= 0)
        {
            foreach (var part in beforeFragment[(question + 1)..].Split('&'))
            {
                if (part.Length == 0 || IsParameter(part, name))
                {
                    continue;
                }

                builder.Append(separator).Append(part);
                separator = '&';
            }
        }

        return builder.Append(separator).Append(name).Append('=').Append(value).Append(fragment).ToString();
    }

    /// <summary>Whether a raw <c>key=value</c> query part names <paramref name="name"/>, in any case or array form.</summary>
    /// <param name="part">One part of a query, between separators, undecoded.</param>
    /// <param name="name">The parameter's name.</param>
    /// <returns>Whether the part is <c>name</c>, <c>name=…</c>, <c>name[]=…</c> or <c>name[key]=…</c>, in any case of <paramref name="name"/>.</returns>
    public static bool IsParameter(ReadOnlySpan<char> part, string name) => Classify(part, name) != ParameterMatch.None;

    /// <summary>How a raw query part relates to the token parameter name.</summary>
    internal static ParameterMatch Classify(ReadOnlySpan<char> part, string name)
    {
        var equals = part.IndexOf('=');
        var rawKey = equals >= 0 ? part[..equals] : part;
        // Only an encoded key needs a string; a plain one is compared in place.
        var key = rawKey.ContainsAny('%', '+') ? DecodeQueryComponent(rawKey.ToString()).AsSpan() : rawKey;
        if (key.SequenceEqual(name))
        {
            return ParameterMatch.Exact;
        }

        if (key.Equals(name, StringComparison.OrdinalIgnoreCase)
            || (key.Length > name.Length && key.StartsWith(name, StringComparison.OrdinalIgnoreCase) && key[name.Length] == '['))
        {
            return ParameterMatch.Variant;
        }

        return ParameterMatch.None;
    }

    /// <summary>
    /// Reads the token from the raw query string: exactly one parameter with exactly the configured name, and no
    /// other case variant or <c>name[]</c> form of it.
    /// </summary>
    internal static (TokenFailure Failure, string? Value) FindToken(string? rawQuery, string name)
    {
        if (string.IsNullOrEmpty(rawQuery))
        {
            return (TokenFailure.Missing, null);
        }

        var query = rawQuery.AsSpan();
        if (query[0] == '?')
        {
            query = query[1..];
        }

        string? value = null;
        var count = 0;
        foreach (var range in query.Split('&'))
        {
            var part = query[range];
            if (part.IsEmpty)
            {
                continue;
            }

            switch (Classify(part, name))
            {
                case ParameterMatch.Variant:
                    return (TokenFailure.Ambiguous, null);
                case ParameterMatch.Exact:
                    if (++count > 1)
                    {
                        return (TokenFailure.Ambiguous, null);
                    }

                    var equals = part.IndexOf('=');
                    var raw = equals < 0 ? ReadOnlySpan<char>.Empty : part[(equals + 1)..];
                    value = raw.IsEmpty ? string.Empty
                        : raw.ContainsAny('%', '+') ? DecodeQueryComponent(raw.ToString())
                        : raw.ToString();
                    break;
            }
        }

        return count == 0 ? (TokenFailure.Missing, null)
            : string.IsNullOrEmpty(value) ? (TokenFailure.Malformed, null)
            : (TokenFailure.None, value);
    }

    /// <summary>Decodes a query component as form decoding does: <c>+</c> is a space, then percent-decoding.</summary>
    internal static string DecodeQueryComponent(string component) =>
        Uri.UnescapeDataString(component.Replace('+', ' '));

    internal enum ParameterMatch
    {
        None,
        Exact,
        Variant,
    }
}
