using System.Buffers;
using Microsoft.AspNetCore.Http;

namespace TimeToken.Core.Media;

/// <summary>Takes one parameter out of a request's query string.</summary>
internal static class QueryStringParameter
{
    // Longer queries are built in a pooled buffer instead of on the stack.
    private const int StackLimit = 512;

    /// <summary>
    /// Removes every part of <paramref name="query"/> that names <paramref name="name"/> (in any case or array form,
    /// as <see cref="MediaUrl.IsParameter"/> sees it); the other parts keep their order and their raw text.
    /// </summary>
    /// <param name="query">The raw query string, such as <c>?width=100&amp;tt=…</c>.</param>
    /// <param name="name">The parameter's name.</param>
    /// <returns>The query without it; <paramref name="query"/> itself when it holds no such part.</returns>
    /// <remarks>Allocates one string, and only when a part was removed and others remain.</remarks>
    public static QueryString Remove(QueryString query, string name)
    {
        var text = query.Value.AsSpan();
        var parts = text.StartsWith('?') ? text[1..] : text;
        char[]? rented = null;
        var buffer = text.Length <= StackLimit ? stackalloc char[StackLimit] : (rented = ArrayPool<char>.Shared.Rent(text.Length));
        try
        {
            var length = 0;
            var removed = false;
            foreach (var range in parts.Split('&'))
            {
                var part = parts[range];
                if (!part.IsEmpty && MediaUrl.IsParameter(part, name))
                {
                    removed = true;
                    continue;
                }

                buffer[length] = length == 0 ? '?' : '&';
                length++;
                part.CopyTo(buffer[length..]);
                length += part.Length;
            }

            return !removed ? query
                : length <= 1 ? QueryString.Empty
                : new QueryString(new string(buffer[..length]));
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }
}
