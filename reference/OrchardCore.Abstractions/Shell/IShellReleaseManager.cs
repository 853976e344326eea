// Mirrors: src/OrchardCore/OrchardCore.Abstractions/Shell/IShellReleaseManager.cs @ 3.0.1
namespace OrchardCore.Environment.Shell;

public interface IShellReleaseManager
{
    void RequestRelease();

    void SuspendReleaseRequest();
}
