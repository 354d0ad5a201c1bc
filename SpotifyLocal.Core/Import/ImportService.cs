using System.IO.Compression;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SpotifyLocal.Core.Accounts;
using SpotifyLocal.Core.Storage;

namespace SpotifyLocal.Core.Import;

/// <summary>
/// Imports a Spotify data-export file (ZIP or single JSON) for one user: records an <see cref="ImportJob"/>
/// (one active per user), validates every history file before writing anything, then streams the rows in
/// batches through <see cref="PlayBatchWriter"/> (podcast and audiobook entries apart, into <see cref="IEpisodePlayStore"/>,
/// in the same batches) and reports progress after every batch. A failure after
/// writing began keeps the batches already stored: they are exact, and a rerun skips them as duplicates.
/// </summary>
public sealed partial class ImportService(
    IImportJobStore jobs,
    IUserStore users,
    PlayBatchWriter writer,
    IEpisodePlayStore episodes,
    AccountWriters writers,
    IOptions<ImportOptions> options,
    TimeProvider time,
    ILogger<ImportService> logger)
{
    /// <summary>The job error of an import that was still running when the process stopped.</summary>
    public const string InterruptedError =
        "Interrupted: the server stopped before this import finished. Import the same file again; plays already stored are not counted twice.";

    private const string ForgottenError = "Stopped because you asked SpotifyLocal to delete your data (/forget); nothing of this import is kept.";

    private const string CancelledError = "Cancelled before it finished. Import the same file again; plays already stored are not counted twice.";

    private const string UnexpectedError = "The import failed because of a server error. Plays stored so far are kept; importing the same file again completes it.";

    /// <summary>
    /// Imports the file at <paramref name="path"/> (a local, seekable copy of the upload) for <paramref name="userId"/>.
    /// Returns the completed job; throws <see cref="ImportRejectedException"/> (with the job failed and the same
    /// message stored) when the input is refused or another import of the user is running.
    /// </summary>
    public async Task<ImportJob> ImportAsync(
        string path,
        string fileName,
        string userId,
        IProgress<ImportProgress>? progress,
        CancellationToken cancellationToken)
    {
        // /forget cancels this import (and waits for it) before it deletes the user's data.
        using var write = writers.Begin(userId, cancellationToken);
        try
        {
            return await ImportCoreAsync(path, fileName, userId, progress, write.Token);
        }
        catch (OperationCanceledException ex) when (write.Token.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            LogRejected(logger, "-", userId, ForgottenError);
            throw new ImportRejectedException(ForgottenError, ex);
        }
    }

    private async Task<ImportJob> ImportCoreAsync(
        string path,
        string fileName,
        string userId,
        IProgress<ImportProgress>? progress,
        CancellationToken cancellationToken)
    {
        var settings = options.Value;
        fileName = UserText.Printable(fileName);
        var now = time.GetUtcNow();
        var job = new ImportJob
        {
            Id = Guid.NewGuid().ToString("N"),
            UserId = userId,
            FileName = fileName,
            CreatedAt = now,
            Owner = ImportJobLease.CurrentOwner,
            LeaseExpiresAt = now + ImportJobLease.Duration,
        };
        await CreateJobAsync(job, cancellationToken);

        var run = new ImportRun(job, settings, job.CreatedAt);
        // Renews the lease while long steps (the validating pre-pass of a big file) save nothing.
        await using var renewal = time.CreateTimer(_ => RenewLease(job.Id), null, ImportJobLease.RenewEvery, ImportJobLease.RenewEvery);
        try
        {
            run.Job = job with { Status = ImportJobStatus.Processing, StartedAt = time.GetUtcNow() };
            await SaveAsync(run, progress, cancellationToken);
            LogStarted(logger, job.Id, userId, fileName);
            await EnsureUserAsync(userId, cancellationToken);

            using var package = ExportPackage.Open(path, fileName, settings);
            var scans = await ScanAsync(package, cancellationToken);
            run.Job = run.Job with { TotalTracks = scans.Sum(s => s.Scan.Items) };
            await SaveAsync(run, progress, cancellationToken);

            var extended = scans.Where(s => s.Scan.Kind == ExportFileKind.ExtendedAudio && s.Scan.FirstPlayedAt is not null).ToList();
            var coveredFrom = extended.Count == 0 ? (DateTimeOffset?)null : extended.Min(s => s.Scan.FirstPlayedAt!.Value).AddMinutes(-1);
            var coveredTo = extended.Count == 0 ? (DateTimeOffset?)null : extended.Max(s => s.Scan.LastPlayedAt!.Value);
            foreach (var (file, scan) in scans)
            {
                await ImportFileAsync(run, file, scan, coveredFrom, coveredTo, progress, cancellationToken);
            }

            await FinishAsync(run, progress, cancellationToken);
            run.Job = run.Job with { Status = ImportJobStatus.Completed, CompletedAt = time.GetUtcNow() };
            await SaveAsync(run, progress, cancellationToken);
            if (scans.Any(s => s.Scan.Kind == ExportFileKind.ExtendedAudio))
            {
                await MarkFullImportAsync(userId, cancellationToken);
            }

            LogCompleted(logger, run.Job.Id, userId, run.Job.Inserted, run.Job.Duplicates, run.Job.Skipped);
            return run.Job;
        }
        catch (ImportRejectedException ex)
        {
            LogRejected(logger, job.Id, userId, ex.Message);
            await FailAsync(run, ex.Message, progress);
            throw;
        }
        catch (Exception ex) when (ex is InvalidDataException or JsonException)
        {
            var message = $"{fileName} is damaged: a file inside it cannot be read completely. Download the export from Spotify again.";
            LogRejected(logger, job.Id, userId, message);
            await FailAsync(run, message, progress);
            throw new ImportRejectedException(message, ex);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await FailAsync(run, CancelledError, progress);
            throw;
        }
        catch (Exception ex)
        {
            LogFailed(logger, ex, job.Id, userId);
            await FailAsync(run, UnexpectedError, progress);
            throw;
        }
    }

    /// <summary>
    /// Creates the job; when the user has an active one whose process is gone or whose lease ran out (a killed
    /// import, by the bot or the verb), marks that one interrupted and takes over, else refuses.
    /// </summary>
    private async Task CreateJobAsync(ImportJob job, CancellationToken cancellationToken)
    {
        if (await jobs.TryCreateAsync(job, cancellationToken))
        {
            return;
        }

        var active = await jobs.FindActiveAsync(job.UserId, cancellationToken);
        if (active is not null && ImportJobLease.IsStale(active, job.CreatedAt)
            && await jobs.TryFailStaleAsync(active, InterruptedError, job.CreatedAt, cancellationToken))
        {
            LogTakenOver(logger, active.Id, active.Owner ?? "an older build", job.UserId);
            if (await jobs.TryCreateAsync(job, cancellationToken))
            {
                return;
            }

            active = await jobs.FindActiveAsync(job.UserId, cancellationToken);
        }

        throw new ImportRejectedException(
            $"An import is already running for this account ({active?.FileName ?? "another file"}: {active?.ProcessedTracks ?? 0:N0} of {active?.TotalTracks ?? 0:N0} entries done). Wait for it to finish, then try again.");
    }

    private async void RenewLease(string jobId)
    {
        try
        {
            await jobs.RenewLeaseAsync(jobId, time.GetUtcNow() + ImportJobLease.Duration, CancellationToken.None);
        }
        catch (Exception ex)
        {
            // The next renewal or save tries again; a lease that lapses only lets a later import take over.
            LogRenewFailed(logger, ex, jobId);
        }
    }

    private static async Task<List<(ExportFile File, ExportScan Scan)>> ScanAsync(ExportPackage package, CancellationToken cancellationToken)
    {
        var scans = new List<(ExportFile, ExportScan)>(package.Files.Count);
        foreach (var file in package.Files)
        {
            await using var stream = file.Open();
            var scan = await ExportJsonScanner.ScanAsync(stream, file.Name, file.Kind, cancellationToken);
            if (scan.Kind == ExportFileKind.Other)
            {
                throw new ImportRejectedException(
                    scan.Items == 0
                        ? $"{file.Name} holds no plays."
                        : $"{file.Name} is not a Spotify streaming history file (its entries have neither \"ts\" nor \"endTime\").");
            }

            scans.Add((file, scan));
        }

        return scans;
    }

    private async Task ImportFileAsync(
        ImportRun run,
        ExportFile file,
        ExportScan scan,
        DateTimeOffset? coveredFrom,
        DateTimeOffset? coveredTo,
        IProgress<ImportProgress>? progress,
        CancellationToken cancellationToken)
    {
        switch (scan.Kind)
        {
            case ExportFileKind.ExtendedVideo:
                run.Skip(SkipReasons.Video, scan.Items);
                await CheckpointAsync(run, progress, force: true, cancellationToken);
                return;
            case ExportFileKind.AccountDataPodcast:
                run.Skip(SkipReasons.Podcast, scan.Items);
                await CheckpointAsync(run, progress, force: true, cancellationToken);
                return;
        }

        var accountData = scan.Kind == ExportFileKind.AccountDataMusic;
        await using var stream = file.Open();
        var rows = accountData
            ? AccountDataHistoryReader.ReadAsync(stream, cancellationToken)
            : ExtendedHistoryReader.ReadAsync(stream, cancellationToken);
        await foreach (var row in rows)
        {
            var reason = accountData && row.PlayedAt >= coveredFrom && row.PlayedAt <= coveredTo
                ? SkipReasons.CoveredByExtended
                : run.ReasonToSkip(row);
            if (reason is not null)
            {
                run.Skip(reason, 1);
            }
            else if (row.Episode is not null)
            {
                run.AddEpisode(run.ToEpisodePlay(row));
            }
            else
            {
                run.Add(run.ToPlay(row));
            }

            await CheckpointAsync(run, progress, force: false, cancellationToken);
        }
    }

    private async Task CheckpointAsync(ImportRun run, IProgress<ImportProgress>? progress, bool force, CancellationToken cancellationToken)
    {
        if (force || run.Pending.Count + run.PendingEpisodes.Count >= run.Settings.BatchSize || run.ProcessedSinceSave >= run.Settings.BatchSize)
        {
            await FlushAsync(run, progress, cancellationToken);
        }
    }

    /// <summary>
    /// Completes the batch in flight, saves the job with its exact counts, then starts writing the pending batch
    /// and returns: reading the next batch overlaps with that write (2 cores: parse on one, SQLite on the other).
    /// The job is saved only between writes, so it never waits for the store's writer lock.
    /// </summary>
    private async Task FlushAsync(ImportRun run, IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        await CompleteInFlightAsync(run);
        run.Job = run.Snapshot();
        await SaveAsync(run, progress, cancellationToken);
        var batch = run.TakePending();
        if (batch.Plays.Count > 0 || batch.Episodes.Count > 0)
        {
            // Task.Run: Microsoft.Data.Sqlite runs its async calls synchronously, so without it nothing would overlap.
            run.InFlight = (Task.Run(() => WriteBatchAsync(batch, cancellationToken), CancellationToken.None), batch);
        }
        else
        {
            run.Written(batch, ImportBatchResult.Empty);
        }
    }

    /// <summary>Writes the batch's plays, then its podcast and audiobook entries; a failure says exactly what both stored.</summary>
    private async Task<ImportBatchResult> WriteBatchAsync(ImportBatch batch, CancellationToken cancellationToken)
    {
        InsertResult plays;
        try
        {
            plays = await writer.WriteAsync(batch.Plays, cancellationToken);
        }
        catch (PlayWriteException ex)
        {
            throw new ImportBatchWriteException(new ImportBatchResult(ex.Stored, InsertResult.Empty), ex);
        }

        try
        {
            return new ImportBatchResult(plays, await episodes.InsertAsync(batch.Episodes, cancellationToken));
        }
        catch (PlayWriteException ex)
        {
            throw new ImportBatchWriteException(new ImportBatchResult(plays, ex.Stored), ex);
        }
        catch (Exception ex)
        {
            // The plays are stored even when the entries' write was cancelled or failed: the job must count them.
            throw new ImportBatchWriteException(new ImportBatchResult(plays, InsertResult.Empty), ex);
        }
    }

    /// <summary>Writes what is left and saves the final counts.</summary>
    private async Task FinishAsync(ImportRun run, IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        await FlushAsync(run, progress, cancellationToken);
        await CompleteInFlightAsync(run);
        run.Job = run.Snapshot();
    }

    private static async Task CompleteInFlightAsync(ImportRun run)
    {
        if (run.InFlight is { } inFlight)
        {
            run.InFlight = null;
            ImportBatchResult result;
            try
            {
                result = await inFlight.Write;
            }
            catch (ImportBatchWriteException ex)
            {
                // Part of the batch is stored (MongoDB's unordered inserts, or the plays before the entries): the job
                // counts exactly that, and a rerun of the import counts those as duplicates and stores the rest.
                run.PartlyWritten(ex.Stored);
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(ex.InnerException!);
                throw;
            }

            run.Written(inFlight.Batch, result);
        }
    }

    /// <summary>On failure, lets a batch already being written finish (or fail) so the job's counts match what is stored.</summary>
    private static async Task DrainInFlightAsync(ImportRun run)
    {
        try
        {
            await CompleteInFlightAsync(run);
        }
        catch (Exception)
        {
            // The batch failed: what it stored is counted above (ImportBatchWriteException); the rest is not stored.
        }
    }

    private async Task SaveAsync(ImportRun run, IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        run.Job = run.Job with { LeaseExpiresAt = run.Job.IsActive ? time.GetUtcNow() + ImportJobLease.Duration : null };
        await jobs.UpdateAsync(run.Job, cancellationToken);
        run.ProcessedSinceSave = 0;
        progress?.Report(ImportProgress.From(run.Job));
    }

    private async Task FailAsync(ImportRun run, string error, IProgress<ImportProgress>? progress)
    {
        // Counts are those of the batches written; the pending batch was never written.
        await DrainInFlightAsync(run);
        run.Job = run.Snapshot() with { Status = ImportJobStatus.Failed, Error = error, CompletedAt = time.GetUtcNow(), LeaseExpiresAt = null };
        try
        {
            await jobs.UpdateAsync(run.Job, CancellationToken.None);
            progress?.Report(ImportProgress.From(run.Job));
        }
        catch (Exception ex)
        {
            LogFailed(logger, ex, run.Job.Id, run.Job.UserId);
        }
    }

    private Task EnsureUserAsync(string userId, CancellationToken cancellationToken) =>
        users.CreateAsync(new User { SpotifyId = userId, JoinedAt = time.GetUtcNow() }, cancellationToken);

    private async Task MarkFullImportAsync(string userId, CancellationToken cancellationToken)
    {
        await EnsureUserAsync(userId, cancellationToken);
        await users.MarkFullImportAsync(userId, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Import {JobId} for {UserId} completed: {Inserted} inserted, {Duplicates} duplicates, {Skipped} skipped")]
    private static partial void LogCompleted(ILogger logger, string jobId, string userId, long inserted, long duplicates, long skipped);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Import {JobId} of {Owner} for {UserId} was stale (process gone or lease run out): marked interrupted")]
    private static partial void LogTakenOver(ILogger logger, string jobId, string owner, string userId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Renewing the lease of import {JobId} failed")]
    private static partial void LogRenewFailed(ILogger logger, Exception exception, string jobId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Import {JobId} for {UserId} started: {FileName}")]
    private static partial void LogStarted(ILogger logger, string jobId, string userId, string fileName);

    [LoggerMessage(Level = LogLevel.Information, Message = "Import {JobId} for {UserId} refused: {Reason}")]
    private static partial void LogRejected(ILogger logger, string jobId, string userId, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Import {JobId} for {UserId} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, string jobId, string userId);
}
