using Microsoft.Extensions.Logging.Abstractions;
using SpotifyLocal.Core.Import;
using SpotifyLocal.Core.Storage;

namespace SpotifyLocal.Tests.Import;

public sealed class InterruptedImportTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

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
        var left = new ImportJob { Id = "killed", UserId = "u1", FileName = "export.zip", Status = ImportJobStatus.Processing, CreatedAt = harness.Time.GetUtcNow(), TotalTracks = history.Count, ProcessedTracks = written, Inserted = written };
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
