// Mirrors: src/OrchardCore/OrchardCore.DisplayManagement/Notify/NotifierExtensions.cs @ 3.0.1
using Microsoft.AspNetCore.Mvc.Localization;

namespace OrchardCore.DisplayManagement.Notify;

public static class NotifierExtensions
{
    public static ValueTask InformationAsync(this INotifier notifier, LocalizedHtmlString message) => throw new NotSupportedException();

    public static ValueTask WarningAsync(this INotifier notifier, LocalizedHtmlString message) => throw new NotSupportedException();

    public static ValueTask ErrorAsync(this INotifier notifier, LocalizedHtmlString message) => throw new NotSupportedException();

    public static ValueTask SuccessAsync(this INotifier notifier, LocalizedHtmlString message) => throw new NotSupportedException();
}
