using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SpotifyLocal.Core.Storage;

namespace SpotifyLocal.Core.Import;

/// <summary>
/// At startup, marks imports left pending/processing by a process that was killed as failed ("interrupted"),
/// so the user can start the import again (the rerun completes with exact counts: writes are idempotent).
/// </summary>
public sealed partial class InterruptedImportsService(IImportJobStore jobs, TimeProvider time, ILogger<InterruptedImportsService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var failed = await jobs.FailActiveAsync(ImportService.InterruptedError, time.GetUtcNow(), cancellationToken);
        if (failed > 0)
        {
            LogInterrupted(logger, failed);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Marked {Count} interrupted import job(s) as failed")]
    private static partial void LogInterrupted(ILogger logger, int count);
}
