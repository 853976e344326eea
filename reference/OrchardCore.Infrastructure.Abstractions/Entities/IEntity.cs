// Mirrors: src/OrchardCore/OrchardCore.Infrastructure.Abstractions/Entities/IEntity.cs @ 3.0.1
using System.Text.Json.Nodes;

namespace OrchardCore.Entities;

public interface IEntity
{
    JsonObject Properties { get; }
}
