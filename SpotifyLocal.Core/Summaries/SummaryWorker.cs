using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SpotifyLocal.Core.Summaries;

/// <summary>
/// Checks for due weekly summaries every <see cref="SummariesOptions.CheckInterval"/> on the injected clock, starting
/// at once (which is how a bot that was down at the post time catches up). Failures are logged; only stopping ends it.
/// </summary>
public sealed class SummaryWorker(
    WeeklySummaryService summaries,
    IOptions<SummariesOptions> options,
    TimeProvider time,
    ILogger<SummaryWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            logger.LogInformation("Weekly summaries are off (Summaries:Enabled = false)");
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await summaries.RunDueAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Checking for due weekly summaries failed; trying again in {Interval}", options.Value.CheckInterval);
            }

            try
            {
                await Task.Delay(options.Value.CheckInterval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
