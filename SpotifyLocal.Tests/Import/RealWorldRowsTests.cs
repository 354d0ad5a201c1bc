using Microsoft.Data.Sqlite;
using SpotifyLocal.Core.Import;
using SpotifyLocal.Core.Storage;
using SpotifyLocal.Core.Storage.Sqlite;

namespace SpotifyLocal.Tests.Import;

/// <summary>Rows that real exports contain (PROTOCOLS.md, "Facts added 2026-12-02"): each is stored or skipped with its reason.</summary>
public sealed class RealWorldRowsTests
{
    private const string AccountFile = "MyData/StreamingHistory_music_0.json";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Two_account_data_rows_of_one_song_ending_in_the_same_minute_are_two_plays()
    {
        await using var harness = new ImportHarness();
        var minute = ImportHarness.Start;
        var rows = new AccountDataBuilder(minute)
            .Row("Artist", "Replayed", minute, 200_000)
            .Row("Artist", "Replayed", minute, 45_000)
            .Row("Artist", "Replayed", minute.AddMinutes(1), 200_000);
        var path = harness.Files.Zip((AccountFile, rows.ToJson()));

        var job = await harness.ImportAsync(path);

        Assert.Equal(3, job.Inserted);
        Assert.Equal(3, await harness.CountAsync());
        var again = await harness.ImportAsync(path);
        Assert.Equal(0, again.Inserted);
        Assert.Equal(3, again.Duplicates);
        Assert.Equal(3, await harness.CountAsync());
    }

    [Fact]
    public async Task An_account_data_row_repeated_in_every_field_across_two_files_is_one_play()
    {
        await using var harness = new ImportHarness();
        var boundary = ImportHarness.Start.AddHours(3);
        var first = new AccountDataBuilder(ImportHarness.Start).Music(10).Row("Artist", "Boundary", boundary, 123_456);
        var second = new AccountDataBuilder(boundary.AddMinutes(5)).Row("Artist", "Boundary", boundary, 123_456).Music(10);
        var path = harness.Files.Zip((AccountFile, first.ToJson()), ("MyData/StreamingHistory_music_1.json", second.ToJson()));

        var job = await harness.ImportAsync(path);

        Assert.Equal(21, job.Inserted);
        Assert.Equal(1, job.Duplicates);
        var stored = await harness.Database.Plays.GetRecentAsync("u1", 100, Token);
        var boundaryPlay = Assert.Single(stored, p => p.TrackName == "Boundary");
        Assert.Equal(boundary, boundaryPlay.PlayedAt);
        Assert.Equal(PlaySource.AccountData, boundaryPlay.Source);
    }

    [Fact]
    public async Task Account_data_plays_stored_before_the_upgrade_are_not_imported_again()
    {
        await using var harness = new ImportHarness();
        var minute = ImportHarness.Start;
        await using (var connection = new SqliteConnection($"Data Source={harness.Database.Path}"))
        {
            await connection.OpenAsync(Token);
            await using var command = connection.CreateCommand();
            command.CommandText = string.Join('\n', SqliteSchema.Migrations.Take(3)) + "\nPRAGMA user_version = 3;";
            await command.ExecuteNonQueryAsync(Token);
            // The shape the previous build stored: source 1 (import), the song's id without the stream part.
            var old = Play.Create("u1", AccountDataTrackId.For("Artist", "Old"), "Old", null, "Artist", null, null, minute, 0, 200_000, PlaySource.Import);
            command.CommandText = $"""
                INSERT INTO plays (user_id, played_at, track_id, track_name, artist_id, artist_name, album_id, album_name, duration_ms, ms_played, source, track_key, artist_key, album_key)
                VALUES ('u1', {minute.ToUnixTimeMilliseconds()}, '{old.TrackId}', 'Old', NULL, 'Artist', NULL, NULL, 0, 200000, 1, '{old.TrackKey}', '{old.ArtistKey}', '{old.AlbumKey}');
                """;
            await command.ExecuteNonQueryAsync(Token);
        }

        var rows = new AccountDataBuilder(minute).Row("Artist", "Old", minute, 200_000);
        var job = await harness.ImportAsync(harness.Files.Zip((AccountFile, rows.ToJson())));

        Assert.Equal(0, job.Inserted);
        Assert.Equal(1, job.Duplicates);
        Assert.Equal(PlaySource.AccountData, Assert.Single(await harness.Database.Plays.GetRecentAsync("u1", 10, Token)).Source);
    }

    [Theory]
    [InlineData("Asia/Tokyo")]
    [InlineData("America/Los_Angeles")]
    public async Task An_extended_ts_without_an_offset_is_read_as_utc_whatever_the_server_zone(string serverZone)
    {
        await using var harness = new ImportHarness();
        const string json = """[{"ts":"2025-06-01T08:00:00","ms_played":200000,"master_metadata_track_name":"Song","master_metadata_album_artist_name":"Artist","master_metadata_album_album_name":"Album","spotify_track_uri":"spotify:track:abc"}]""";
        var path = harness.Files.Json(json);

        ImportJob job;
        using (ServerTimeZone.Set(serverZone))
        {
            job = await harness.ImportAsync(path, fileName: "Streaming_History_Audio_2025.json");
        }

        Assert.Equal(1, job.Inserted);
        var play = Assert.Single(await harness.Database.Plays.GetRecentAsync("u1", 10, Token));
        Assert.Equal(new DateTimeOffset(2025, 6, 1, 8, 0, 0, TimeSpan.Zero), play.PlayedAt);
    }

    [Fact]
    public async Task Absurd_ms_played_values_are_skipped_with_their_reason()
    {
        await using var harness = new ImportHarness();
        var at = ImportHarness.Start;
        var history = $$"""
            [
              {"ts":"2025-06-01T08:00:00Z","ms_played":9223372036854775807,"master_metadata_track_name":"A","master_metadata_album_artist_name":"X","spotify_track_uri":"spotify:track:a"},
              {"ts":"2025-06-01T08:10:00Z","ms_played":86400001,"master_metadata_track_name":"B","master_metadata_album_artist_name":"X","spotify_track_uri":"spotify:track:b"},
              {"ts":"2025-06-01T08:20:00Z","ms_played":86400000,"master_metadata_track_name":"C","master_metadata_album_artist_name":"X","spotify_track_uri":"spotify:track:c"}
            ]
            """;
        var account = new AccountDataBuilder(at.AddDays(30)).Row("X", "D", at.AddDays(30), int.MaxValue);
        var path = harness.Files.Zip(("Spotify Extended Streaming History/Streaming_History_Audio_2025_0.json", history), (AccountFile, account.ToJson()));

        var job = await harness.ImportAsync(path);

        Assert.Equal(1, job.Inserted);
        Assert.Equal(new Dictionary<string, long> { [SkipReasons.ImplausibleMsPlayed] = 3 }, job.SkippedByReason);
        Assert.Contains("longer than a day", ImportSummary.Describe(job, harness.Options), StringComparison.Ordinal);
        Assert.Equal("C", Assert.Single(await harness.Database.Plays.GetRecentAsync("u1", 10, Token)).TrackName);
    }

    [Fact]
    public async Task Rows_in_the_future_or_before_spotify_existed_are_skipped_and_counted()
    {
        await using var harness = new ImportHarness();
        var now = harness.Time.GetUtcNow();
        var history = new ExtendedHistoryBuilder(ImportHarness.Start)
            .Play("Fine", "Artist", "spotify:track:fine", now.AddMinutes(-1))
            .Play("Skewed", "Artist", "spotify:track:skew", now.AddMinutes(2))
            .Play("Future", "Artist", "spotify:track:future", now.AddDays(400))
            .Play("Ancient", "Artist", "spotify:track:old", new DateTimeOffset(2005, 12, 31, 23, 0, 0, TimeSpan.Zero))
            .Play("Epoch", "Artist", "spotify:track:epoch", DateTimeOffset.UnixEpoch);
        var path = harness.Files.Zip(history.ToFiles(100).ToArray());

        var job = await harness.ImportAsync(path);

        Assert.Equal(2, job.Inserted);
        Assert.Equal(new Dictionary<string, long> { [SkipReasons.InTheFuture] = 1, [SkipReasons.BeforeSpotify] = 2 }, job.SkippedByReason);
        var summary = ImportSummary.Describe(job, harness.Options);
        Assert.Contains("in-the-future: 1", summary, StringComparison.Ordinal);
        Assert.Contains("before-spotify: 2", summary, StringComparison.Ordinal);
        var latest = (await harness.Database.Plays.GetRecentAsync("u1", 1, Token))[0].PlayedAt;
        Assert.Equal(now.AddMinutes(2), latest);
    }
}
