using Microsoft.Data.Sqlite;
using SpotifyLocal.Core.Storage;
using SpotifyLocal.Core.Storage.Sqlite;

namespace SpotifyLocal.Tests.Storage;

public sealed class SqliteDatabaseTests : IAsyncDisposable
{
    private readonly SqliteTestDatabase _database = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task A_database_from_a_newer_build_is_refused_instead_of_written_with_an_older_schema()
    {
        await WriteRawAsync("PRAGMA user_version = 999;");

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => _database.Database.MigrateAsync(Ct));

        Assert.Contains("schema version 999", ex.Message);
    }

    [Fact]
    public async Task Upgrading_a_database_from_before_play_context_keeps_its_plays_with_the_context_unknown()
    {
        var before = SqliteSchema.Migrations.TakeWhile(m => !m.Contains("ADD COLUMN skipped", StringComparison.Ordinal)).Count();
        var at = new DateTimeOffset(2025, 5, 1, 8, 0, 0, TimeSpan.Zero);
        await WriteAtVersionAsync(before, $"""
                INSERT INTO plays (user_id, played_at, track_id, track_name, artist_id, artist_name, album_id, album_name,
                    duration_ms, ms_played, source, track_key, artist_key, album_key)
                VALUES ('u1', {at.ToUnixTimeMilliseconds()}, 'spotify:track:old', 'Old', NULL, 'Band', NULL, NULL, 0, 200000, 1, 'tk', 'ak', 'bk');
                """);

        var context = new PlayContext(Skipped: true, "clickrow", "fwdbtn", Shuffle: false, "android", Offline: null);
        var newer = Play.Create("u1", "spotify:track:new", "New", null, "Band", null, null, at.AddHours(1), 0, 40_000, PlaySource.Import) with { Context = context };
        await _database.Plays.InsertAsync([newer], Ct);

        var recent = await _database.Plays.GetRecentAsync("u1", 10, Ct);
        Assert.Equal(2, recent.Count);
        Assert.Equal(context, recent[0].Context);
        Assert.Equal("spotify:track:old", recent[1].TrackId);
        Assert.Null(recent[1].Context);
    }

    [Fact]
    public async Task Upgrading_a_database_from_before_podcasts_keeps_its_jobs_and_plays_and_adds_the_episode_table()
    {
        var before = SqliteSchema.Migrations.TakeWhile(m => !m.Contains("CREATE TABLE episode_plays", StringComparison.Ordinal)).Count();
        var at = new DateTimeOffset(2025, 5, 1, 8, 0, 0, TimeSpan.Zero);
        await WriteAtVersionAsync(before, $"""
                INSERT INTO plays (user_id, played_at, track_id, track_name, artist_id, artist_name, album_id, album_name,
                    duration_ms, ms_played, source, track_key, artist_key, album_key)
                VALUES ('u1', {at.ToUnixTimeMilliseconds()}, 'spotify:track:old', 'Old', NULL, 'Band', NULL, NULL, 0, 200000, 1, 'tk', 'ak', 'bk');
                INSERT INTO import_jobs (id, user_id, status, file_name, total_tracks, processed_tracks, inserted, duplicates, skipped, skipped_by_reason, created_at)
                VALUES ('old-job', 'u1', 2, 'export.zip', 3, 3, 1, 0, 2, '{"{"}"podcast":2{"}"}', {at.ToUnixTimeMilliseconds()});
                """);

        var job = await _database.ImportJobs.GetAsync("old-job", Ct);
        var episodes = new SqliteEpisodePlayStore(_database.Database);
        var stored = await episodes.InsertAsync([EpisodePlay.Create("u1", at, "spotify:episode:e1", "E1", "Show", EpisodeKind.Podcast, 600_000, PlaySource.Import)], Ct);

        Assert.NotNull(job);
        Assert.Equal((1L, 2L, 0L, 0L), (job.Inserted, job.SkippedByReason["podcast"], job.EpisodesInserted, job.EpisodeDuplicates));
        Assert.Equal(1, await _database.Plays.CountAsync(PlayScope.AllTime("u1"), Ct));
        Assert.Equal(new InsertResult(1, 0), stored);
        Assert.Equal(new EpisodeTotals(1, 600_000, 1, 1), await episodes.GetTotalsAsync(PlayScope.AllTime("u1"), Ct));
    }

    [Fact]
    public async Task Upgrading_drops_the_newest_first_index_and_every_time_range_read_walks_the_unique_index_instead()
    {
        var before = SqliteSchema.Migrations.TakeWhile(m => !m.Contains("DROP INDEX IF EXISTS ix_plays_user_played_desc", StringComparison.Ordinal)).Count();
        var at = new DateTimeOffset(2025, 5, 1, 8, 0, 0, TimeSpan.Zero);
        await WriteAtVersionAsync(before);

        var first = Play.Create("u1", "spotify:track:a", "A", null, "Band", null, null, at, 0, 200_000, PlaySource.Tracked);
        await _database.Plays.InsertAsync([first, first with { TrackId = "spotify:track:b", PlayedAt = at.AddMinutes(4), Source = PlaySource.Import }], Ct);

        await using var check = await _database.Database.OpenAsync(Ct);
        await using var plan = check.CreateCommand();
        plan.CommandText = "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'plays' ORDER BY name";
        var indexes = new List<string>();
        await using (var reader = await plan.ExecuteReaderAsync(Ct))
        {
            while (await reader.ReadAsync(Ct))
            {
                indexes.Add(reader.GetString(0));
            }
        }

        Assert.Equal(["ux_plays_user_played_track"], indexes);
        // The shapes of the store's reads that used the dropped index: one user or several, a time range, newest first.
        string[] reads =
        [
            "SELECT played_at FROM plays WHERE user_id = 'u1' AND source = 1 ORDER BY played_at DESC LIMIT 1",
            "SELECT * FROM plays WHERE user_id = 'u1' ORDER BY played_at DESC, track_id ASC LIMIT 10",
            "SELECT (SELECT MIN(played_at) FROM plays WHERE user_id = 'u1'), (SELECT MAX(played_at) FROM plays WHERE user_id = 'u1')",
            "SELECT COUNT(*) FROM plays WHERE user_id IN ('u1', 'u2') AND played_at >= 0 AND played_at < 9",
            "SELECT track_key, COUNT(*) FROM plays WHERE user_id IN ('u1') AND played_at >= 0 AND played_at < 9 GROUP BY track_key",
            "DELETE FROM plays WHERE user_id = 'u1'",
        ];
        foreach (var read in reads)
        {
            plan.CommandText = "EXPLAIN QUERY PLAN " + read;
            var steps = new List<string>();
            await using var reader = await plan.ExecuteReaderAsync(Ct);
            while (await reader.ReadAsync(Ct))
            {
                steps.Add(reader.GetString(3));
            }

            Assert.Contains(steps, step => step.StartsWith("SEARCH plays USING ", StringComparison.Ordinal) && step.Contains("INDEX ux_plays_user_played_track (user_id=?", StringComparison.Ordinal));
            Assert.DoesNotContain(steps, step => step.StartsWith("SCAN plays", StringComparison.Ordinal));
        }

        Assert.Equal(at, await _database.Plays.GetLatestTrackedAtAsync("u1", Ct));
        Assert.Equal(["spotify:track:b", "spotify:track:a"], (await _database.Plays.GetRecentAsync("u1", 10, Ct)).Select(p => p.TrackId));
    }

    /// <summary>Writes the schema of the first <paramref name="version"/> migrations (an older build's database), then <paramref name="sql"/>.</summary>
    private Task WriteAtVersionAsync(int version, string sql = "") =>
        WriteRawAsync(string.Join("\n", SqliteSchema.Migrations.Take(version)) + $"\nPRAGMA user_version = {version};" + sql);

    private async Task WriteRawAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={_database.Path}");
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(Ct);
    }
}
