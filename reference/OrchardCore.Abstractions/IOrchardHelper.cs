// Mirrors: src/OrchardCore/OrchardCore.Abstractions/IOrchardHelper.cs @ 3.0.1
using Microsoft.AspNetCore.Http;

namespace OrchardCore;

// Complete, so tests can implement it.
public interface IOrchardHelper
{
    HttpContext HttpContext { get; }
}
