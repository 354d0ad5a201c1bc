using Microsoft.Extensions.Hosting;

namespace SpotifyLocal.Core.Tracking;

/// <summary>Stands in for <see cref="TrackingWorker"/> when no Spotify app is configured or tracking is switched off.</summary>
internal sealed class DisabledTrackingService : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
