// Mirrors: src/OrchardCore/OrchardCore.Infrastructure.Abstractions/Settings/ISite.cs @ 3.0.1
using OrchardCore.Entities;

namespace OrchardCore.Settings;

// Only the members the module calls: the module never implements ISite, so its other abstract members are left out.
public interface ISite : IEntity
{
    T GetOrCreate<T>()
        where T : new();

    bool TryGet<T>(out T settings);
}
