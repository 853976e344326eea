// Mirrors: src/OrchardCore/OrchardCore.Abstractions/Shell/Configuration/IShellConfiguration.cs @ 3.0.1
using Microsoft.Extensions.Configuration;

namespace OrchardCore.Environment.Shell.Configuration;

// The tenant's configuration (appsettings, environment, tenant settings). Complete: it adds nothing to IConfiguration.
public interface IShellConfiguration : IConfiguration;
