using SpotifyLocal.Core.Import;
using SpotifyLocal.Core.Storage;

namespace SpotifyLocal.Tests.Import;

public sealed class ImportServiceTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Extended_history_zip_imports_music_and_counts_every_skip_reason()
    {
        await using var harness = new ImportHarness();
        var history = new ExtendedHistoryBuilder(ImportHarness.Start)
            .Music(2_300).ShortPlays(40).Incognito(12).Podcasts(25).Audiobooks(6).NoTrack(9).Music(150);
        var files = history.ToFiles(1_000).ToList();
        files.Add(("Spotify Extended Streaming History/Streaming_History_Video_2025-2026.json", """[{"ts":"2025-06-01T08:00:00Z","ms_played":1000}]"""));
        files.Add(("Spotify Extended Streaming History/ReadMeFirst_ExtendedStreamingHistory.pdf", "%PDF-1.4"));
        var path = harness.Files.Zip([.. files]);

        var job = await harness.ImportAsync(path);

        var expectedSkips = new Dictionary<string, long>(history.ExpectedSkips) { ["video"] = 1 };
        Assert.Equal(ImportJobStatus.Completed, job.Status);
        Assert.Equal(history.ExpectedPlays, job.Inserted);
        Assert.Equal(0, job.Duplicates);
        Assert.Equal(expectedSkips, job.SkippedByReason);
        Assert.Equal(expectedSkips.Values.Sum(), job.Skipped);
        // 25 podcast and 6 audiobook rows are stored apart, no longer left out.
        Assert.Equal(31, history.ExpectedEpisodes);
        Assert.Equal(history.ExpectedEpisodes, job.EpisodesInserted);
        Assert.Equal(0, job.EpisodeDuplicates);
        Assert.Equal(history.Count + 1, job.TotalTracks);
        Assert.Equal(job.TotalTracks, job.ProcessedTracks);
        Assert.Equal(job.TotalTracks, job.Inserted + job.Duplicates + job.Skipped + job.EpisodesInserted + job.EpisodeDuplicates);
        Assert.Equal(history.ExpectedPlays, await harness.CountAsync());
        ImportHarness.AssertSameJob(job, await harness.OnlyJobAsync());
    }

    [Fact]
    public async Task Podcasts_and_audiobooks_are_stored_apart_and_never_counted_as_music_plays()
    {
        await using var harness = new ImportHarness();
        var at = new DateTimeOffset(2026, 3, 4, 21, 0, 0, TimeSpan.Zero);
        var history = new ExtendedHistoryBuilder(ImportHarness.Start)
            .Play("Song", "Band", "spotify:track:song", at, 200_000)
            .Episode("Morning Show", "Monday", "spotify:episode:mon", at.AddMinutes(30), 1_800_000)
            .Episode("Morning Show", "Monday", "spotify:episode:mon", at.AddHours(2), 600_000)
            .Episode("Morning Show", "No uri", null, at.AddHours(3), 300_000);
        history.Episode("unused", "unused", "x", at.AddHours(4), 2_000_000, edit: row =>
        {
            // An audiobook chapter: its own fields, no episode fields.
            row["episode_name"] = null;
            row["episode_show_name"] = null;
            row["spotify_episode_uri"] = null;
            row["audiobook_title"] = "A Long Book";
            row["audiobook_uri"] = "spotify:audiobook:book";
            row["audiobook_chapter_uri"] = "spotify:chapter:one";
            row["audiobook_chapter_title"] = "Chapter One";
        });
        var path = harness.Files.Zip(history.ToFiles(100).ToArray());

        var job = await harness.ImportAsync(path);

        Assert.Equal(1, job.Inserted);
        Assert.Equal(4, job.EpisodesInserted);
        Assert.Empty(job.SkippedByReason);
        Assert.Equal(1, await harness.CountAsync());
        var artists = await harness.Plays.GetTopAsync(PlayScope.AllTime("u1"), TopKind.Artists, 10, Token);
        Assert.Equal(["Band"], artists.Select(a => a.Name));
        Assert.Equal(200_000, (await harness.Plays.GetTotalsAsync(PlayScope.AllTime("u1"), Token)).MsPlayed);
        var episodes = await harness.Episodes.GetTopEpisodesAsync(PlayScope.AllTime("u1"), 10, Token);
        Assert.Equal(
            [
                new TopItem("spotify:episode:mon", "Monday", "Morning Show", 2, 2_400_000, at.AddMinutes(30), at.AddHours(2)),
                new TopItem("spotify:chapter:one", "Chapter One", "A Long Book", 1, 2_000_000, at.AddHours(4), at.AddHours(4)),
                new TopItem(EpisodePlay.IdFromNames("Morning Show", "No uri"), "No uri", "Morning Show", 1, 300_000, at.AddHours(3), at.AddHours(3)),
            ],
            episodes);
        Assert.Equal(new EpisodeTotals(4, 4_700_000, 2, 3), await harness.Episodes.GetTotalsAsync(PlayScope.AllTime("u1"), Token));
    }

    [Fact]
    public async Task Podcast_rows_are_left_out_by_the_same_rules_as_music()
    {
        await using var harness = new ImportHarness();
        var at = new DateTimeOffset(2026, 3, 4, 21, 0, 0, TimeSpan.Zero);
        var history = new ExtendedHistoryBuilder(ImportHarness.Start)
            .Episode("Show", "Short", "spotify:episode:short", at, 29_999, expected: "short")
            .Episode("Show", "Private", "spotify:episode:private", at.AddMinutes(1), 600_000, expected: "incognito", edit: row => row["incognito_mode"] = true)
            .Episode("Show", "Endless", "spotify:episode:endless", at.AddMinutes(2), 90_000_000, expected: "implausible-ms-played")
            .Episode("Show", "Kept", "spotify:episode:kept", at.AddMinutes(3), 30_000);
        var path = harness.Files.Zip(history.ToFiles(100).ToArray());

        var job = await harness.ImportAsync(path);

        Assert.Equal(new Dictionary<string, long> { ["short"] = 1, ["incognito"] = 1, ["implausible-ms-played"] = 1 }, job.SkippedByReason);
        Assert.Equal(1, job.EpisodesInserted);
        Assert.Equal(new EpisodeTotals(1, 30_000, 1, 1), await harness.Episodes.GetTotalsAsync(PlayScope.AllTime("u1"), Token));
    }

    [Fact]
    public async Task Reimporting_an_export_with_podcasts_stores_no_entry_twice_and_says_so()
    {
        await using var harness = new ImportHarness();
        var history = new ExtendedHistoryBuilder(ImportHarness.Start).Music(1_200).Podcasts(900).Audiobooks(150).Music(30);
        var path = harness.Files.Zip(history.ToFiles(700).ToArray());
        await harness.ImportAsync(path);

        var again = await harness.ImportAsync(path, fileName: "export.zip");

        Assert.Equal(0, again.Inserted);
        Assert.Equal(1_230, again.Duplicates);
        Assert.Equal(0, again.EpisodesInserted);
        Assert.Equal(1_050, again.EpisodeDuplicates);
        Assert.Equal(2_280, again.TotalTracks);
        Assert.Equal(new EpisodeTotals(1_050, (900 * 1_200_000L) + (150 * 900_000L), 2, 1_050), await harness.Episodes.GetTotalsAsync(PlayScope.AllTime("u1"), Token));
        Assert.StartsWith(
            "Imported export.zip: 0 new plays, 1,230 already stored, 1,050 podcast/audiobook entries stored apart (0 new, 1,050 already stored), 0 left out (of 2,280 entries).",
            ImportSummary.Describe(again, harness.Options),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Extended_plays_keep_the_spotify_uri_time_and_names()
    {
        await using var harness = new ImportHarness();
        var at = new DateTimeOffset(2026, 3, 4, 21, 15, 30, TimeSpan.Zero);
        var history = new ExtendedHistoryBuilder(ImportHarness.Start).Play("Ночной город", "Сёстры Ветра", "spotify:track:4uLU6hMCjMI75M1A2tKUQC", at, 123_456);
        var path = harness.Files.Zip(history.ToFiles(100).ToArray());

        await harness.ImportAsync(path);

        var play = Assert.Single(await harness.Database.Plays.GetRecentAsync("u1", 10, Token));
        Assert.Equal("spotify:track:4uLU6hMCjMI75M1A2tKUQC", play.TrackId);
        Assert.Equal(at, play.PlayedAt);
        Assert.Equal("Ночной город", play.TrackName);
        Assert.Equal("Сёстры Ветра", play.ArtistName);
        Assert.Equal(123_456, play.MsPlayed);
        Assert.Equal(PlaySource.Import, play.Source);
        var context = new PlayContext(Skipped: false, "trackdone", "trackdone", Shuffle: false, "android", Offline: false);
        Assert.Equal(Play.Create("u1", play.TrackId, "Ночной город", null, "Сёстры Ветра", null, "Some Album", at, 0, 123_456, PlaySource.Import) with { Context = context }, play);
    }

    [Fact]
    public async Task Extended_plays_keep_skipped_reasons_shuffle_platform_and_offline_and_missing_parts_stay_unknown()
    {
        await using var harness = new ImportHarness();
        var at = new DateTimeOffset(2026, 3, 4, 21, 15, 30, TimeSpan.Zero);
        var history = new ExtendedHistoryBuilder(ImportHarness.Start)
            .Play("Skipped", "Band", "spotify:track:s1", at, 31_000, row =>
            {
                row["skipped"] = true;
                row["reason_start"] = "clickrow";
                row["reason_end"] = "fwdbtn";
                row["shuffle"] = true;
                row["platform"] = "iOS 17.2 (iPhone15,2)";
                row["offline"] = true;
            })
            .Play("Old Export", "Band", "spotify:track:s2", at.AddMinutes(5), 200_000, row =>
            {
                // Exports before 2019 have no "skipped"; some rows have no reasons at all.
                row.Remove("skipped");
                row["reason_start"] = null;
                row["reason_end"] = " ";
                row.Remove("shuffle");
                row.Remove("offline");
            })
            .Play("Nothing Known", "Band", "spotify:track:s3", at.AddMinutes(10), 200_000, row =>
            {
                foreach (var field in (string[])["skipped", "reason_start", "reason_end", "shuffle", "platform", "offline"])
                {
                    row.Remove(field);
                }
            });
        var path = harness.Files.Zip(history.ToFiles(100).ToArray());

        await harness.ImportAsync(path);

        var plays = (await harness.Database.Plays.GetRecentAsync("u1", 10, Token)).ToDictionary(p => p.TrackName);
        Assert.Equal(new PlayContext(Skipped: true, "clickrow", "fwdbtn", Shuffle: true, "iOS 17.2 (iPhone15,2)", Offline: true), plays["Skipped"].Context);
        Assert.Equal(new PlayContext(Skipped: null, null, null, Shuffle: null, "android", Offline: null), plays["Old Export"].Context);
        Assert.Null(plays["Nothing Known"].Context);
    }

    [Fact]
    public async Task Account_data_plays_get_stable_local_ids_from_artist_and_title()
    {
        await using var harness = new ImportHarness();
        var rows = new AccountDataBuilder(ImportHarness.Start)
            .Row("Café Tacvba", "Eres", ImportHarness.Start, 200_000)
            .Row("CAFE TACVBA", "  eres ", ImportHarness.Start.AddMinutes(5), 200_000)
            .Row("Other", "Eres", ImportHarness.Start.AddMinutes(10), 200_000);
        var path = harness.Files.Zip(("MyData/StreamingHistory_music_0.json", rows.ToJson()), ("MyData/Userdata.json", "{}"));

        var job = await harness.ImportAsync(path);

        Assert.Equal(3, job.Inserted);
        var plays = await harness.Database.Plays.GetRecentAsync("u1", 10, Token);
        var ids = plays.OrderBy(p => p.PlayedAt).Select(p => p.TrackId).ToList();
        Assert.All(ids, id => Assert.StartsWith("local:track:", id, StringComparison.Ordinal));
        Assert.Equal(ids[0], ids[1]);
        Assert.NotEqual(ids[0], ids[2]);
    }

    [Fact]
    public async Task Account_data_counts_short_plays_and_podcast_files()
    {
        await using var harness = new ImportHarness();
        var music = new AccountDataBuilder(ImportHarness.Start).Music(1_234).ShortPlays(56);
        const string podcasts = """[{"endTime":"2025-07-01 10:00","podcastName":"Show","episodeName":"E1","msPlayed":600000},{"endTime":"2025-07-01 11:00","podcastName":"Show","episodeName":"E2","msPlayed":600000}]""";
        var path = harness.Files.Zip(
            ("Spotify Account Data/StreamingHistory_music_0.json", music.ToJson()),
            ("Spotify Account Data/StreamingHistory_podcast_0.json", podcasts));

        var job = await harness.ImportAsync(path);

        Assert.Equal(music.ExpectedPlays, job.Inserted);
        Assert.Equal(new Dictionary<string, long> { ["short"] = 56, ["podcast"] = 2 }, job.SkippedByReason);
        Assert.Equal(music.ExpectedPlays, await harness.CountAsync());
    }

    [Fact]
    public async Task A_single_json_file_is_accepted_whatever_its_name()
    {
        await using var harness = new ImportHarness();
        var history = new ExtendedHistoryBuilder(ImportHarness.Start).Music(321).Podcasts(4);
        var path = harness.Files.Json(history.ToJson());

        var job = await harness.ImportAsync(path, fileName: "my upload.json");

        Assert.Equal(history.ExpectedPlays, job.Inserted);
        Assert.Equal(4, job.EpisodesInserted);
        Assert.Empty(job.SkippedByReason);
        Assert.Equal("my upload.json", job.FileName);
    }

    [Fact]
    public async Task Reimporting_the_same_export_inserts_nothing()
    {
        await using var harness = new ImportHarness();
        var history = new ExtendedHistoryBuilder(ImportHarness.Start).Music(2_500).ShortPlays(3);
        var path = harness.Files.Zip(history.ToFiles(1_000).ToArray());
        await harness.ImportAsync(path);

        var again = await harness.ImportAsync(path);

        Assert.Equal(ImportJobStatus.Completed, again.Status);
        Assert.Equal(0, again.Inserted);
        Assert.Equal(history.ExpectedPlays, again.Duplicates);
        Assert.Equal(history.ExpectedPlays, await harness.CountAsync());
    }

    [Fact]
    public async Task A_zip_with_both_formats_prefers_the_extended_history_where_they_overlap()
    {
        await using var harness = new ImportHarness();
        var extended = new ExtendedHistoryBuilder(ImportHarness.Start).Music(500);
        var before = new AccountDataBuilder(ImportHarness.Start.AddDays(-30)).Music(40);
        var overlapping = new AccountDataBuilder(ImportHarness.Start.AddHours(1)).CoveredByExtended(60);
        var after = new AccountDataBuilder(extended.Last.AddHours(2)).Music(25);
        var accountRows = System.Text.Json.Nodes.JsonNode.Parse(before.ToJson())!.AsArray();
        foreach (var json in new[] { overlapping.ToJson(), after.ToJson() })
        {
            foreach (var row in System.Text.Json.Nodes.JsonNode.Parse(json)!.AsArray())
            {
                accountRows.Add(row!.DeepClone());
            }
        }

        var files = extended.ToFiles(1_000).ToList();
        files.Add(("MyData/StreamingHistory_music_0.json", accountRows.ToJsonString()));
        var path = harness.Files.Zip([.. files]);

        var job = await harness.ImportAsync(path);

        Assert.Equal(500 + 40 + 25, job.Inserted);
        Assert.Equal(60, job.SkippedByReason["covered-by-extended"]);
        Assert.Equal(500 + 40 + 25, await harness.CountAsync());
    }

    [Fact]
    public async Task Progress_is_reported_at_least_once_per_batch_and_ends_at_the_total()
    {
        await using var harness = new ImportHarness();
        var history = new ExtendedHistoryBuilder(ImportHarness.Start).Music(3_500).Podcasts(1_500);
        var path = harness.Files.Zip(history.ToFiles(2_000).ToArray());
        var progress = new RecordingProgress();

        var job = await harness.ImportAsync(path, progress: progress);

        var processed = progress.Reports.Select(r => r.ProcessedTracks).ToList();
        Assert.True(progress.Reports.Count(r => r.Status == ImportJobStatus.Processing) >= 5, $"only {progress.Reports.Count} reports");
        Assert.Equal(processed.Order(), processed);
        var gaps = processed.Zip(processed.Skip(1), (a, b) => b - a);
        Assert.All(gaps, gap => Assert.InRange(gap, 0, harness.Options.BatchSize));
        Assert.Equal(ImportJobStatus.Completed, progress.Reports[^1].Status);
        Assert.Equal(5_000, progress.Reports[^1].TotalTracks);
        Assert.Equal(job.ProcessedTracks, progress.Reports[^1].ProcessedTracks);
    }

    [Fact]
    public async Task A_completed_extended_import_marks_the_user_as_fully_imported()
    {
        await using var harness = new ImportHarness();
        var path = harness.Files.Zip(new ExtendedHistoryBuilder(ImportHarness.Start).Music(10).ToFiles(100).ToArray());
        var localUser = new ChatIdentity(ChatIdentity.Telegram, "4242").LocalUserId;

        await harness.ImportAsync(path, userId: localUser);

        var user = await harness.Database.Users.GetAsync(localUser, Token);
        Assert.NotNull(user);
        Assert.True(user.HasFullImport);
        Assert.Equal(10, await harness.CountAsync(localUser));
    }

    [Fact]
    public async Task An_account_data_import_does_not_claim_the_full_history()
    {
        await using var harness = new ImportHarness();
        var path = harness.Files.Zip(("MyData/StreamingHistory0.json", new AccountDataBuilder(ImportHarness.Start).Music(10).ToJson()));

        await harness.ImportAsync(path);

        var user = await harness.Database.Users.GetAsync("u1", Token);
        Assert.NotNull(user);
        Assert.False(user.HasFullImport);
    }

    [Fact]
    public async Task Incognito_and_short_plays_are_imported_when_the_rules_allow_them()
    {
        await using var harness = new ImportHarness(new ImportOptions { IncludeIncognito = true, MinPlayedMs = 0 });
        var history = new ExtendedHistoryBuilder(ImportHarness.Start).Music(10).Incognito(3).ShortPlays(4);
        var path = harness.Files.Zip(history.ToFiles(100).ToArray());

        var job = await harness.ImportAsync(path);

        Assert.Equal(17, job.Inserted);
        Assert.Empty(job.SkippedByReason);
    }

    [Fact]
    public async Task A_second_import_for_a_user_with_an_active_one_is_refused()
    {
        await using var harness = new ImportHarness();
        var running = new ImportJob { Id = "running", UserId = "u1", FileName = "first.zip", Status = ImportJobStatus.Processing, CreatedAt = harness.Time.GetUtcNow(), TotalTracks = 5000, ProcessedTracks = 1000 };
        Assert.True(await harness.Database.ImportJobs.TryCreateAsync(running, Token));
        var path = harness.Files.Zip(new ExtendedHistoryBuilder(ImportHarness.Start).Music(10).ToFiles(100).ToArray());

        var error = await Assert.ThrowsAsync<ImportRejectedException>(() => harness.ImportAsync(path));

        Assert.Contains("already running", error.Message, StringComparison.Ordinal);
        Assert.Contains("first.zip", error.Message, StringComparison.Ordinal);
        ImportHarness.AssertSameJob(running, await harness.OnlyJobAsync());
        Assert.Equal(0, await harness.CountAsync());
    }

    [Fact]
    public async Task An_export_play_a_few_seconds_from_a_tracked_play_is_not_counted_twice()
    {
        await using var harness = new ImportHarness();
        var end = new DateTimeOffset(2026, 10, 3, 18, 0, 0, TimeSpan.Zero);
        var tracked = Play.Create("u1", "spotify:track:abc", "Same Song", "artist1", "Same Artist", "album1", "Album", end.AddMilliseconds(4_321), 200_000, 200_000, PlaySource.Tracked);
        await harness.Database.Plays.InsertAsync([tracked], Token);
        var history = new ExtendedHistoryBuilder(ImportHarness.Start)
            .Play("Same Song", "Same Artist", "spotify:track:abc", end)
            .Play("Same Song", "Same Artist", "spotify:track:abc", end.AddMinutes(4));
        var path = harness.Files.Zip(history.ToFiles(100).ToArray());

        var job = await harness.ImportAsync(path);

        Assert.Equal(1, job.Inserted);
        Assert.Equal(1, job.Duplicates);
        var plays = await harness.Database.Plays.GetRecentAsync("u1", 10, Token);
        Assert.Equal(2, plays.Count);
        Assert.Contains(plays, p => p.Source == PlaySource.Tracked && p.PlayedAt == tracked.PlayedAt);
        Assert.Contains(plays, p => p.Source == PlaySource.Import && p.PlayedAt == end.AddMinutes(4));
    }
}
