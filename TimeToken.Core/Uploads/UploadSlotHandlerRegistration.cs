namespace TimeToken.Core.Uploads;

/// <summary>One handler name registered by <see cref="UploadSlotServiceCollectionExtensions.AddUploadSlotHandler{THandler}"/>.</summary>
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
