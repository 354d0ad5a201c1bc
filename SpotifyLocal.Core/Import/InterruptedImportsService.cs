using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SpotifyLocal.Core.Storage;

namespace SpotifyLocal.Core.Import;

/// <summary>
/// At startup, marks imports left pending/processing by a process that is gone (or whose lease ran out) as failed
/// ("interrupted"), so the user sees why; the next import would recognise them anyway (<see cref="ImportJobLease"/>).
/// An import the <c>import</c> verb is running beside the bot keeps its job. The rerun completes with exact counts.
/// </summary>
public sealed partial class InterruptedImportsService(IImportJobStore jobs, TimeProvider time, ILogger<InterruptedImportsService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var failed = 0;
        foreach (var job in await jobs.ListActiveAsync(cancellationToken))
        {
            if (ImportJobLease.IsStale(job, now) && await jobs.TryFailStaleAsync(job, ImportService.InterruptedError, now, cancellationToken))
            {
                failed++;
            }
        }

        if (failed > 0)
        {
            LogInterrupted(logger, failed);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Marked {Count} interrupted import job(s) as failed")]
    private static partial void LogInterrupted(ILogger logger, int count);
}
