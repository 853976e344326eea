namespace TimeToken.Core.Uploads;

/// <summary>One handler name registered by <see cref="Microsoft.Extensions.DependencyInjection.UploadSlotServiceCollectionExtensions.AddUploadSlotHandler{THandler}"/>.</summary>
internal sealed class UploadSlotHandlerRegistration
{
    public UploadSlotHandlerRegistration(string name, Type handlerType)
    {
        Name = name;
        HandlerType = handlerType;
    }

    public string Name { get; }

    public Type HandlerType { get; }

    /// <summary>1 to 64 characters of <c>A-Z a-z 0-9 . - _</c>.</summary>
    public static bool IsValidName(string? name) =>
        name is { Length: >= 1 and <= 64 } && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_');
}

/// <summary>The handler names and types, built once from every <see cref="UploadSlotHandlerRegistration"/>.</summary>
internal sealed class UploadSlotHandlerRegistry
{
    private readonly Dictionary<string, Type> _handlerTypes;

    public UploadSlotHandlerRegistry(IEnumerable<UploadSlotHandlerRegistration> registrations)
    {
        _handlerTypes = registrations.ToDictionary(h => h.Name, h => h.HandlerType, StringComparer.Ordinal);
    }

    public bool Contains(string name) => _handlerTypes.ContainsKey(name);

    public bool TryGetHandlerType(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Type? handlerType)
        => _handlerTypes.TryGetValue(name, out handlerType);
}
