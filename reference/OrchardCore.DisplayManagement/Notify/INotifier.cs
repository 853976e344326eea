// Mirrors: src/OrchardCore/OrchardCore.DisplayManagement/Notify/INotifier.cs @ 3.0.1
using Microsoft.AspNetCore.Mvc.Localization;

namespace OrchardCore.DisplayManagement.Notify;

// Only the member the extensions build on; List() and the NotifyContext overload are left out (the module only
// sends notifications).
public interface INotifier
{
    ValueTask AddAsync(NotifyType type, LocalizedHtmlString message);
}
