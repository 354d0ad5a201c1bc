using SpotifyLocal.Tests.Builders;
using SpotifyLocal.Core.Storage;

namespace SpotifyLocal.Tests.Import;

public sealed class DemoExportSampleTests
{
    [Fact]
    public async Task The_demo_export_sample_imports_with_the_counts_it_was_generated_with()
    {
        var sample = Samples.DemoExport();
        await using var harness = new ImportHarness();

        var job = await harness.ImportAsync(sample, userId: "demo");

        // Counted by SyntheticExportGenerator while writing SyntheticExportSettings.Demo (not by the reader).
        Assert.Equal(ImportJobStatus.Completed, job.Status);
        Assert.Equal(3_600, job.TotalTracks);
        Assert.Equal(3_201, job.Inserted);
        Assert.Equal(new Dictionary<string, long> { ["short"] = 263, ["incognito"] = 25, ["podcast"] = 111 }, job.SkippedByReason);
        var newest = (await harness.Database.Plays.GetRecentAsync("demo", 1, TestContext.Current.CancellationToken))[0];
        Assert.Equal(2026, newest.PlayedAt.Year);
    }
}
