using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SpotifyLocal.Core.Spotify;

namespace SpotifyLocal.Core.Tracking;

/// <summary>Registers the tracking worker; it only runs when the Spotify app is configured and <c>Tracking:Enabled</c>.</summary>
public static class TrackingServiceCollectionExtensions
{
    /// <summary>Needs <c>AddSpotify</c>, <c>AddAccounts</c> and the storage registration.</summary>
    public static IServiceCollection AddTracking(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TrackingOptions>()
            .Bind(configuration.GetSection(TrackingOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddTransient<RecentPlaysPoller>();
        services.TryAddTransient<RelinkReminderService>();
        services.TryAddTransient<SpotifyPauseService>();
        services.TryAddSingleton<TrackingWorker>();
        services.AddSingleton<IHostedService>(provider =>
        {
            var enabled = provider.GetRequiredService<IOptions<TrackingOptions>>().Value.Enabled
                && provider.GetRequiredService<IOptions<SpotifyOptions>>().Value.IsConfigured;
            return enabled ? provider.GetRequiredService<TrackingWorker>() : new DisabledTrackingService();
        });
        return services;
    }
}
