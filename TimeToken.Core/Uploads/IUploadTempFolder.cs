namespace TimeToken.Core.Uploads;

/// <summary>
/// The private folder upload bodies stream into (<see cref="UploadSlotServerOptions.TempDirectory"/>).
/// <c>AddTimeTokenUploadSlots</c> prepares it when the host starts; a host that starts parts of an application on
/// its own, such as an Orchard Core tenant, calls <see cref="Prepare"/> when that part starts.
/// </summary>
public interface IUploadTempFolder
{
    /// <summary>
    /// Makes or checks the folder now, and deletes the left-overs of a crash (old <c>*.upload</c> files) in the
    /// background.
    /// </summary>
    /// <returns>The background clean-up; it never fails.</returns>
    /// <exception cref="InvalidOperationException">The configured folder exists but is not private to this application.</exception>
    Task Prepare();
}
