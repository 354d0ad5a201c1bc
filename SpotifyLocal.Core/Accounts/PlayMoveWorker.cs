using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace SpotifyLocal.Core.Accounts;

/// <summary>
/// Runs <see cref="PlayMoveService"/> outside any request: once at start (finishing moves a crash cut short), then
/// whenever a confirmed link records a new move.
/// </summary>
public sealed class PlayMoveWorker(PlayMoveService moves, ILogger<PlayMoveWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await moves.RunPendingAsync(stoppingToken);
                await moves.WaitForRequestAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // Listing the moves failed (storage down): the next request or start tries again.
                logger.LogError(ex, "Moving plays between user ids failed");
                await moves.WaitForRequestAsync(stoppingToken);
            }
        }
    }
}
