using System.Text.Json;

namespace TimeToken.Core.Uploads;

/// <summary>Creates upload slots. Registered by <see cref="Microsoft.Extensions.DependencyInjection.UploadSlotServiceCollectionExtensions.AddTimeTokenUploadSlots"/>.</summary>
public interface IUploadSlotService
{
    /// <summary>
    /// Creates a slot that runs the handler registered under <paramref name="handlerName"/> when a client POSTs to
    /// its URL, once, before it expires.
    /// </summary>
    /// <param name="handlerName">A name registered with <c>AddUploadSlotHandler&lt;T&gt;(name)</c>.</param>
    /// <param name="arguments">
    /// Data handed to the handler (for example the target folder). It stays on the server; the client never sees
    /// it. At most <see cref="UploadSlotRecord.MaxArgumentsBytes"/> bytes once serialised.
    /// </param>
    /// <param name="options">Narrower limits for this slot, or <see langword="null"/> for the global ones.</param>
    /// <param name="cancellationToken">Cancels the store write.</param>
    /// <returns>The slot's URL, expiry and limits.</returns>
    /// <exception cref="ArgumentException">
    /// The handler name is not registered, the arguments are too large, or the options are invalid (non-positive
    /// values, malformed extensions, or extensions outside the global list).
    /// </exception>
    /// <exception cref="UploadSlotStoreUnavailableException">The slot store (Redis) could not be reached.</exception>
    Task<UploadSlot> CreateAsync(string handlerName, JsonElement? arguments = null, UploadSlotOptions? options = null, CancellationToken cancellationToken = default);
}
