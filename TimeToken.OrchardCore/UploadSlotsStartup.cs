using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OrchardCore.Environment.Shell;
using OrchardCore.Modules;
using TimeToken.Core.Uploads;
using TimeToken.OrchardCore.Uploads;

namespace TimeToken.OrchardCore;

/// <summary>
/// Registers the services of the <see cref="FeatureIds.UploadSlots"/> feature: the slot service and endpoint, and the
/// <c>media-library</c> handler.
/// </summary>
[Feature(FeatureIds.UploadSlots)]
public sealed class UploadSlotsStartup : StartupBase
{
    /// <summary>After the main feature's startup, whose key ring the slots use.</summary>
    public override int Order => Startup.ServicesOrder + 1;

    /// <summary>With the media gate, before the endpoints: the upload endpoint needs no MVC nor antiforgery.</summary>
    public override int ConfigureOrder => Startup.PipelineOrder;

    /// <inheritdoc />
    public override void ConfigureServices(IServiceCollection services) => AddUploadSlots(services);

    /// <inheritdoc />
    public override void Configure(IApplicationBuilder app, IEndpointRouteBuilder routes, IServiceProvider serviceProvider)
        => app.UseTimeTokenUploadSlots();

    /// <summary>The tenant's folder of upload bodies, below its App_Data folder: <c>App_Data/Sites/{tenant}/timetoken-uploads</c>.</summary>
    internal const string TempFolderName = "timetoken-uploads";

    internal static void AddUploadSlots(IServiceCollection services)
    {
        services.AddTimeTokenUploadSlots();
        services.AddOptions<UploadSlotServerOptions>().Configure<IOptions<ShellOptions>, ShellSettings>((options, shellOptions, shellSettings) =>
            options.TempDirectory ??= Path.Combine(TenantAppData.Folder(shellOptions.Value, shellSettings), TempFolderName));
        services.AddScoped<IModularTenantEvents, UploadTempFolderInitializer>();
        services.AddUploadSlotHandler<MediaLibraryUploadSlotHandler>(MediaLibraryUploadSlotHandler.Name);
        services.AddHttpContextAccessor();
        services.TryAddScoped<MediaLibraryUploadSlots>();
    }
}
