using Microsoft.Extensions.Logging.Abstractions;
using SpotifyLocal.Core.Import;
using SpotifyLocal.Core.Storage;

namespace SpotifyLocal.Tests.Import;

public sealed class InterruptedImportTests
{
    /// <summary>A process of this host that does not run (pids on Linux stay below 2^22).</summary>
    private static readonly string GoneProcess = $"{Environment.MachineName}:{int.MaxValue}:0";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_job_left_processing_by_a_killed_process_does_not_block_the_next_import()
    {
        await using var harness = new ImportHarness();
        var history = new ExtendedHistoryBuilder(ImportHarness.Start).Music(300);
        var now = harness.Time.GetUtcNow();
        // Killed with kill -9 a moment ago: its lease still runs, but its process is gone.
        Assert.True(await harness.Database.ImportJobs.TryCreateAsync(Left("killed", now, GoneProcess, now.AddMinutes(2)), Token));

        var rerun = await harness.ImportAsync(harness.Files.Zip(history.ToFiles(1_000).ToArray()));

        Assert.Equal(ImportJobStatus.Completed, rerun.Status);
        Assert.Equal(history.ExpectedPlays, rerun.Inserted);
        var killed = await harness.Database.ImportJobs.GetAsync("killed", Token);
        Assert.Equal(ImportJobStatus.Failed, killed!.Status);
        Assert.Equal(ImportService.InterruptedError, killed.Error);
    }

    [Fact]
    public async Task A_job_of_an_older_build_is_taken_over_once_its_lease_would_have_run_out()
    {
        await using var harness = new ImportHarness();
        var path = harness.Files.Zip(new ExtendedHistoryBuilder(ImportHarness.Start).Music(10).ToFiles(100).ToArray());
        var started = harness.Time.GetUtcNow();
        Assert.True(await harness.Database.ImportJobs.TryCreateAsync(Left("old", started, owner: null, lease: null), Token));

        await Assert.ThrowsAsync<ImportRejectedException>(() => harness.ImportAsync(path));
        harness.Time.Advance(ImportJobLease.Duration);
        var rerun = await harness.ImportAsync(path);

        Assert.Equal(ImportJobStatus.Completed, rerun.Status);
        Assert.Equal(ImportJobStatus.Failed, (await harness.Database.ImportJobs.GetAsync("old", Token))!.Status);
    }

    [Fact]
    public async Task An_import_running_elsewhere_keeps_its_job_while_it_renews_its_lease()
    {
        await using var harness = new ImportHarness();
        var path = harness.Files.Zip(new ExtendedHistoryBuilder(ImportHarness.Start).Music(10).ToFiles(100).ToArray());
        var now = harness.Time.GetUtcNow();
        Assert.True(await harness.Database.ImportJobs.TryCreateAsync(Left("elsewhere", now, "other-host:123:456", now.AddMinutes(2)), Token));
        var startup = new InterruptedImportsService(harness.Database.ImportJobs, harness.Time, NullLogger<InterruptedImportsService>.Instance);

        await startup.StartAsync(Token);
        var error = await Assert.ThrowsAsync<ImportRejectedException>(() => harness.ImportAsync(path));
        harness.Time.Advance(TimeSpan.FromMinutes(1));
        await harness.Database.ImportJobs.RenewLeaseAsync("elsewhere", harness.Time.GetUtcNow() + ImportJobLease.Duration, Token);
        harness.Time.Advance(TimeSpan.FromMinutes(1.5));
        await startup.StartAsync(Token);

        Assert.Contains("already running", error.Message, StringComparison.Ordinal);
        Assert.Equal(ImportJobStatus.Processing, (await harness.Database.ImportJobs.GetAsync("elsewhere", Token))!.Status);
        await Assert.ThrowsAsync<ImportRejectedException>(() => harness.ImportAsync(path));
    }

    [Fact]
    public async Task A_running_import_renews_its_lease_while_it_works()
    {
        await using var harness = new ImportHarness();
        var history = new ExtendedHistoryBuilder(ImportHarness.Start).Music(3_000);
        var seen = new List<(DateTimeOffset Now, ImportJob Stored)>();
        var progress = new RecordingProgress(p =>
        {
            seen.Add((harness.Time.GetUtcNow(), harness.Database.ImportJobs.GetAsync(p.JobId, Token).GetAwaiter().GetResult()!));
            // Each step takes "a minute": without renewal the two-minute lease would run out mid-import.
            harness.Time.Advance(TimeSpan.FromMinutes(1));
        });

        var job = await harness.ImportAsync(harness.Files.Zip(history.ToFiles(1_000).ToArray()), progress: progress);

        Assert.Equal(ImportJobStatus.Completed, job.Status);
        var active = seen.Where(s => s.Stored.IsActive).ToList();
        Assert.True(active.Count > 3);
        Assert.All(active, s => Assert.Equal(s.Now + ImportJobLease.Duration, s.Stored.LeaseExpiresAt));
        Assert.All(active, s => Assert.Equal(ImportJobLease.CurrentOwner, s.Stored.Owner));
        Assert.Null(job.LeaseExpiresAt);
    }

    private static ImportJob Left(string id, DateTimeOffset at, string? owner, DateTimeOffset? lease) => new()
    {
        Id = id,
        UserId = "u1",
        FileName = "export.zip",
        Status = ImportJobStatus.Processing,
        CreatedAt = at,
        StartedAt = at,
        Owner = owner,
        LeaseExpiresAt = lease,
    };

    [Fact]
    public async Task A_job_left_by_a_killed_process_is_marked_interrupted_and_the_rerun_completes_exactly()
    {
        await using var harness = new ImportHarness();
        var history = new ExtendedHistoryBuilder(ImportHarness.Start).Music(4_200).Podcasts(30);
        var full = harness.Files.Zip(history.ToFiles(1_500).ToArray());
        // What the killed process had written: the first file's batches, through the same import path.
        var firstFile = history.ToFiles(1_500).First();
        await harness.ImportAsync(harness.Files.Zip(firstFile));
        var written = await harness.CountAsync();
        await harness.Database.ImportJobs.DeleteUserAsync("u1", Token);
        var left = new ImportJob { Id = "killed", UserId = "u1", FileName = "export.zip", Status = ImportJobStatus.Processing, CreatedAt = harness.Time.GetUtcNow(), TotalTracks = history.Count, ProcessedTracks = written, Inserted = written, Owner = GoneProcess, LeaseExpiresAt = harness.Time.GetUtcNow().AddMinutes(1) };
        Assert.True(await harness.Database.ImportJobs.TryCreateAsync(left, Token));

        await new InterruptedImportsService(harness.Database.ImportJobs, harness.Time, NullLogger<InterruptedImportsService>.Instance).StartAsync(Token);
        var rerun = await harness.ImportAsync(full);

        var interrupted = await harness.Database.ImportJobs.GetAsync("killed", Token);
        Assert.NotNull(interrupted);
        Assert.Equal(ImportJobStatus.Failed, interrupted.Status);
        Assert.StartsWith("Interrupted", interrupted.Error, StringComparison.Ordinal);
        Assert.Equal(ImportJobStatus.Completed, rerun.Status);
        Assert.Equal(history.ExpectedPlays - written, rerun.Inserted);
        Assert.Equal(written, rerun.Duplicates);
        Assert.Equal(history.ExpectedPlays, await harness.CountAsync());
    }

    [Fact]
    public async Task A_cancelled_import_keeps_exact_counts_and_the_rerun_completes()
    {
        await using var harness = new ImportHarness();
        var history = new ExtendedHistoryBuilder(ImportHarness.Start).Music(5_000);
        var path = harness.Files.Zip(history.ToFiles(2_000).ToArray());
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(Token);
        var progress = new RecordingProgress(p =>
        {
            if (p.Inserted >= 2_000)
            {
                cancellation.Cancel();
            }
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => harness.ImportAsync(path, progress: progress, cancellationToken: cancellation.Token));

        var cancelled = await harness.OnlyJobAsync();
        Assert.Equal(ImportJobStatus.Failed, cancelled.Status);
        Assert.StartsWith("Cancelled", cancelled.Error, StringComparison.Ordinal);
        Assert.InRange(cancelled.Inserted, 2_000, 4_999);
        Assert.Equal(cancelled.Inserted, await harness.CountAsync());

        var rerun = await harness.ImportAsync(path);

        Assert.Equal(history.ExpectedPlays - cancelled.Inserted, rerun.Inserted);
        Assert.Equal(cancelled.Inserted, rerun.Duplicates);
        Assert.Equal(history.ExpectedPlays, await harness.CountAsync());
    }
}
