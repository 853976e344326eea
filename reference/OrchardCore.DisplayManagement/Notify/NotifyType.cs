// Mirrors: src/OrchardCore/OrchardCore.DisplayManagement/Notify/NotifyType.cs @ 3.0.1
namespace OrchardCore.DisplayManagement.Notify;

public enum NotifyType
{
    Success,
    Information,
    Warning,
    Error,
}
