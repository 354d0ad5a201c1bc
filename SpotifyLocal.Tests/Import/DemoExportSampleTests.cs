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
        Assert.Equal(new Dictionary<string, long> { ["short"] = 263, ["incognito"] = 25 }, job.SkippedByReason);
        // The 111 podcast rows are stored apart now instead of being left out.
        Assert.Equal(111, job.EpisodesInserted);
        Assert.Equal(job.TotalTracks, job.Inserted + job.Skipped + job.EpisodesInserted);
        var newest = (await harness.Database.Plays.GetRecentAsync("demo", 1, TestContext.Current.CancellationToken))[0];
        Assert.Equal(2026, newest.PlayedAt.Year);
    }

    [Fact]
    public async Task The_demo_exports_podcast_rows_are_stored_apart_with_their_listening_time()
    {
        var sample = Samples.DemoExport();
        var (rows, ms, shows) = CountPodcastRows(sample);
        await using var harness = new ImportHarness();

        await harness.ImportAsync(sample, userId: "demo");

        var totals = await harness.Episodes.GetTotalsAsync(PlayScope.AllTime("demo"), TestContext.Current.CancellationToken);
        Assert.Equal(111, rows);
        Assert.Equal((rows, ms, shows), (totals.Entries, totals.MsPlayed, totals.Shows));
        var show = Assert.Single(await harness.Episodes.GetTopShowsAsync(PlayScope.AllTime("demo"), 10, TestContext.Current.CancellationToken));
        Assert.Equal(("The Invented Podcast", 111, ms), (show.Name, show.Plays, show.MsPlayed));
    }

    /// <summary>Reads the sample's rows with System.Text.Json directly (not through the importer): podcast rows, their time and shows.</summary>
    private static (int Rows, long Ms, int Shows) CountPodcastRows(string zipPath)
    {
        using var archive = System.IO.Compression.ZipFile.OpenRead(zipPath);
        var rows = 0;
        var ms = 0L;
        var shows = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in archive.Entries.Where(e => e.Name.StartsWith("Streaming_History_Audio", StringComparison.Ordinal)))
        {
            using var stream = entry.Open();
            using var document = System.Text.Json.JsonDocument.Parse(stream);
            foreach (var row in document.RootElement.EnumerateArray())
            {
                if (row.GetProperty("episode_name").ValueKind == System.Text.Json.JsonValueKind.String)
                {
                    rows++;
                    ms += row.GetProperty("ms_played").GetInt64();
                    shows.Add(row.GetProperty("episode_show_name").GetString()!);
                }
            }
        }

        return (rows, ms, shows.Count);
    }
}
