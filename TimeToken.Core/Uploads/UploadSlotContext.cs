using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Win32.SafeHandles;

namespace TimeToken.Core.Uploads;

/// <summary>What an <see cref="IUploadSlotHandler"/> receives for one upload.</summary>
public sealed class UploadSlotContext
{
    /// <summary>Creates a context.</summary>
    /// <param name="handlerName">The handler name the slot was created for.</param>
    /// <param name="arguments">The slot's arguments.</param>
    /// <param name="files">The uploaded files.</param>
    /// <param name="expiresAt">When the slot expires.</param>
    /// <param name="httpContext">The HTTP request.</param>
    public UploadSlotContext(string handlerName, JsonElement arguments, IReadOnlyList<UploadedFile> files, DateTimeOffset expiresAt, HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(handlerName);
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(httpContext);
        HandlerName = handlerName;
        Arguments = arguments;
        Files = files;
        ExpiresAt = expiresAt;
        HttpContext = httpContext;
    }

    /// <summary>The handler name the slot was created for.</summary>
    public string HandlerName { get; }

    /// <summary>
    /// The arguments given when the slot was created; a JSON <c>null</c> when none were given. They come from the
    /// server, never from the client.
    /// </summary>
    public JsonElement Arguments { get; }

    /// <summary>The uploaded files, in the order they arrived; at least one.</summary>
    public IReadOnlyList<UploadedFile> Files { get; }

    /// <summary>When the slot expires.</summary>
    public DateTimeOffset ExpiresAt { get; }

    /// <summary>The HTTP request (for the user, the services, the headers). Its body has been read already.</summary>
    public HttpContext HttpContext { get; }
}
