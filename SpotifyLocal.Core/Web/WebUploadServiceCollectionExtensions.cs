using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace SpotifyLocal.Core.Web;

/// <summary>Registers uploads on the personal page: their options, the per-person limits and the background imports.</summary>
public static class WebUploadServiceCollectionExtensions
{
    public static IServiceCollection AddWebUploads(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WebUploadOptions>()
            .Bind(configuration.GetSection(WebUploadOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton<WebUploadRateLimiter>();
        if (!services.Any(d => d.ServiceType == typeof(WebUploadService)))
        {
            services.AddSingleton<WebUploadService>();
            services.AddHostedService(provider => provider.GetRequiredService<WebUploadService>());
        }

        return services;
    }
}
