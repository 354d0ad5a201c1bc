using Microsoft.Data.Sqlite;
using SpotifyLocal.Core.Stats;
using SpotifyLocal.Core.Storage;
using SpotifyLocal.Core.Storage.Sqlite;
using SpotifyLocal.Tests.Builders;

namespace SpotifyLocal.Tests.Storage;

/// <summary>
/// The SQLite all-time rollups answer top lists exactly as grouping the plays would, through inserts in batches
/// with duplicates, reassigning, deleting users and upgrading a database written before the rollups existed.
/// </summary>
public sealed class SqliteRollupTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2025, 6, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly TopKind[] Kinds = [TopKind.Tracks, TopKind.Artists, TopKind.Albums];
    private readonly SqliteTestDatabase _database = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private SqlitePlayStore Store => (SqlitePlayStore)_database.Plays;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Rollups_equal_the_raw_group_by_after_batches_with_repeats_and_several_spellings()
    {
        var plays = RandomPlays(["u1", "u2", "u3"], count: 3_000, seed: 11);
        // Overlapping batches: every play after the first 500 is sent twice, some inside one batch.
        foreach (var batch in plays.Chunk(700))
        {
            await Store.InsertAsync([.. batch, .. batch.Take(50)], Ct);
        }

        await Store.InsertAsync(plays.Skip(500).ToList(), Ct);

        await AssertRollupsEqualRawAsync(["u1"], ["u2"], ["u3"], ["u1", "u3"], ["u1", "u2", "u3", "u2"]);
    }

    [Fact]
    public async Task The_rollup_table_holds_exactly_the_shared_rule_over_the_stored_plays()
    {
        // The same rule MongoDB's rollups are checked against (PlayRollups.Fold), so both backends keep one rule.
        // Half of them moved back into May, so the plays span two UTC months.
        var plays = RandomPlays(["u1", "u2"], count: 1_500, seed: 21).Select((p, i) => i % 2 == 0 ? p : p with { PlayedAt = p.PlayedAt.AddDays(-20) }).ToList();
        plays.Add(Plays.One("u1", "No Album", "Solo", null, T0.AddYears(1)));
        plays.Add(Plays.One("u1", "Empty Album", "Solo", string.Empty, T0.AddYears(1).AddMinutes(5)));
        foreach (var batch in plays.Chunk(400))
        {
            await Store.InsertAsync([.. batch, .. batch.Take(30)], Ct);
        }

        var stored = new List<Play>();
        foreach (var user in (string[])["u1", "u2"])
        {
            stored.AddRange(await Store.GetRecentAsync(user, int.MaxValue, Ct));
        }

        var expected = PlayRollups.Fold(stored).OrderBy(r => r.Id.ToString(), StringComparer.Ordinal);
        Assert.Equal(expected, (await ReadRollupTableAsync()).OrderBy(r => r.Id.ToString(), StringComparer.Ordinal));
    }

    [Fact]
    public async Task Every_level_holds_the_shared_rule_when_one_batch_adds_a_song_on_several_days_months_and_years()
    {
        // Stretched over ~70 days around New Year: the plays of one song in one batch fall on several days, both months
        // and both years, so one write adds several day groups of one key to the same month, year and all-time row.
        var newYear = new DateTimeOffset(2025, 12, 12, 0, 0, 0, TimeSpan.Zero);
        var plays = RandomPlays(["u1", "u2"], count: 2_000, seed: 41).Select(p => p with { PlayedAt = newYear + ((p.PlayedAt - T0) * 5) }).ToList();
        foreach (var batch in plays.Chunk(600))
        {
            await Store.InsertAsync([.. batch, .. batch.Take(40)], Ct);
        }

        var stored = (await Store.GetRecentAsync("u1", int.MaxValue, Ct)).Concat(await Store.GetRecentAsync("u2", int.MaxValue, Ct)).ToList();
        static string Order(PlayDayRollup r) => $"{r.Day}|{r.Rollup.Id}";
        var months = await Store.ListMonthRollupsAsync(Ct);
        Assert.True(months.Select(m => m.Day).Distinct().Count() >= 3);
        Assert.Equal(PlayRollups.Fold(stored).OrderBy(r => r.Id.ToString(), StringComparer.Ordinal), (await ReadRollupTableAsync()).OrderBy(r => r.Id.ToString(), StringComparer.Ordinal));
        Assert.Equal(PlayDayRollups.Fold(stored).OrderBy(Order, StringComparer.Ordinal), (await Store.ListDayRollupsAsync(Ct)).OrderBy(Order, StringComparer.Ordinal));
        Assert.Equal(PlayDayRollups.FoldMonths(stored).OrderBy(Order, StringComparer.Ordinal), months.OrderBy(Order, StringComparer.Ordinal));
        Assert.Equal(PlayDayRollups.FoldYears(stored).OrderBy(Order, StringComparer.Ordinal), (await Store.ListYearRollupsAsync(Ct)).OrderBy(Order, StringComparer.Ordinal));
        static string SlotOrder((string UserId, ListeningBucket Bucket) r) => $"{r.UserId}|{r.Bucket.StartUtc.ToUnixTimeMilliseconds()}";
        Assert.Equal(PlaySlotRollups.Fold(stored).OrderBy(SlotOrder, StringComparer.Ordinal), (await Store.ListSlotRollupsAsync(Ct)).OrderBy(SlotOrder, StringComparer.Ordinal));
    }

    private async Task<List<PlayRollup>> ReadRollupTableAsync()
    {
        await using var connection = await _database.Database.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT user_id, kind, key, name, artist, plays, ms, first_at, last_at FROM play_rollups";
        var rows = new List<PlayRollup>();
        await using var reader = await command.ExecuteReaderAsync(Ct);
        while (await reader.ReadAsync(Ct))
        {
            rows.Add(new PlayRollup(
                new PlayRollupKey(reader.GetString(0), (TopKind)reader.GetInt32(1), reader.GetString(2), reader.GetString(3), reader.GetString(4)),
                reader.GetInt32(5),
                reader.GetInt64(6),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(7)),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(8))));
        }

        return rows;
    }

    [Fact]
    public async Task Ranking_and_spelling_ties_are_broken_the_same_way_as_the_raw_query()
    {
        string[] u1 = ["Alpha", "Alpha", "alpha", "beta", "BETA", "Gamma", "gamma"];
        string[] u2 = ["alpha", "alpha"];
        var plays = u1.Select(t => ("u1", t)).Concat(u2.Select(t => ("u2", t)))
            .Select((p, i) => Plays.One(p.Item1, p.Item2, "Band", "Record", T0.AddMinutes(i), msPlayed: 1_000))
            .ToList();
        await Store.InsertAsync(plays, Ct);

        var top = await Store.TryGetTopFromRollupsAsync(new PlayScope(["u1", "u2"], PlayScope.Beginning, PlayScope.End), TopKind.Tracks, 10, Ct);

        // "alpha" wins across both users though u1 alone plays "Alpha" more; beta and gamma tie on plays and
        // time, so the key orders them; their spellings tie, so the smaller name (ordinal) is shown.
        Assert.NotNull(top);
        Assert.Equal([("alpha", 5), ("BETA", 2), ("Gamma", 2)], top.Select(t => (t.Name, t.Plays)));
        await AssertRollupsEqualRawAsync(["u1"], ["u2"], ["u1", "u2"]);
    }

    [Fact]
    public async Task A_range_that_leaves_out_a_play_is_grouped_from_the_plays()
    {
        var plays = RandomPlays(["u1"], count: 200, seed: 3);
        await Store.InsertAsync(plays, Ct);
        var first = plays.Min(p => p.PlayedAt);
        var last = plays.Max(p => p.PlayedAt);

        var tight = PlayScope.ForUser("u1", first, last.AddMilliseconds(1));
        var missingFirst = PlayScope.ForUser("u1", first.AddMilliseconds(1), PlayScope.End);
        var missingLast = PlayScope.ForUser("u1", PlayScope.Beginning, last);

        Assert.NotNull(await Store.TryGetTopFromRollupsAsync(tight, TopKind.Tracks, 10, Ct));
        Assert.Null(await Store.TryGetTopFromRollupsAsync(missingFirst, TopKind.Tracks, 10, Ct));
        Assert.Null(await Store.TryGetTopFromRollupsAsync(missingLast, TopKind.Tracks, 10, Ct));
        foreach (var scope in new[] { tight, missingFirst, missingLast })
        {
            Assert.Equal(await Store.GetTopRawAsync(scope, TopKind.Albums, 10, Ct), await Store.GetTopAsync(scope, TopKind.Albums, 10, Ct));
        }
    }

    [Fact]
    public async Task Reassigning_with_overlapping_plays_adds_only_the_moved_plays_to_the_target()
    {
        var local = RandomPlays(["telegram:1"], count: 600, seed: 5);
        var spotify = RandomPlays(["alice"], count: 900, seed: 6);
        await Store.InsertAsync(local, Ct);
        // Half of the local plays are already known to the target account.
        await Store.InsertAsync([.. spotify, .. local.Take(300).Select(p => p with { UserId = "alice" })], Ct);

        var result = await Store.ReassignAsync("telegram:1", "alice", Ct);

        Assert.Equal(300, result.Duplicates);
        Assert.Empty(await RollupsAsync(["telegram:1"], TopKind.Tracks));
        await AssertRollupsEqualRawAsync(["alice"], ["alice", "telegram:1"]);
    }

    [Fact]
    public async Task Deleting_a_user_drops_their_rollups_and_new_plays_start_from_zero()
    {
        await Store.InsertAsync(RandomPlays(["u1", "u2"], count: 800, seed: 8), Ct);

        await Store.DeleteUserAsync("u1", Ct);

        Assert.Empty(await RollupsAsync(["u1"], TopKind.Artists));
        await Store.InsertAsync(RandomPlays(["u1"], count: 50, seed: 9), Ct);
        await AssertRollupsEqualRawAsync(["u1"], ["u2"], ["u1", "u2"]);
    }

    [Fact]
    public async Task Upgrading_a_database_written_before_rollups_backfills_them_from_the_plays()
    {
        var plays = RandomPlays(["u1", "u2"], count: 1_500, seed: 13);
        await using (var connection = new SqliteConnection($"Data Source={_database.Path}"))
        {
            await connection.OpenAsync(Ct);
            await using var command = connection.CreateCommand();
            command.CommandText = SqliteSchema.Migrations[0] + "\nPRAGMA user_version = 1;";
            await command.ExecuteNonQueryAsync(Ct);
            await InsertWithoutStoreAsync(connection, plays);
        }

        // The test database's SqliteDatabase has not opened the file yet: its first use runs every later migration.
        await AssertRollupsEqualRawAsync(["u1"], ["u2"], ["u1", "u2"]);
        Assert.Equal(plays.Count(p => p.UserId == "u1"), (await RollupsAsync(["u1"], TopKind.Artists)).Sum(a => a.Plays));
        // Migration 8 backfills the UTC day rows from the same plays.
        var stored = (await Store.GetRecentAsync("u1", int.MaxValue, Ct)).Concat(await Store.GetRecentAsync("u2", int.MaxValue, Ct));
        static string Order(PlayDayRollup r) => $"{r.Day}|{r.Rollup.Id}";
        Assert.Equal(PlayDayRollups.Fold(stored).OrderBy(Order, StringComparer.Ordinal), (await Store.ListDayRollupsAsync(Ct)).OrderBy(Order, StringComparer.Ordinal));
        // Migration 11 builds the UTC month rows from the day rows.
        Assert.Equal(PlayDayRollups.FoldMonths(stored).OrderBy(Order, StringComparer.Ordinal), (await Store.ListMonthRollupsAsync(Ct)).OrderBy(Order, StringComparer.Ordinal));
        // Migration 12 builds the 15-minute slot rows from the plays.
        static string SlotOrder((string UserId, ListeningBucket Bucket) r) => $"{r.UserId}|{r.Bucket.StartUtc.ToUnixTimeMilliseconds()}";
        Assert.Equal(PlaySlotRollups.Fold(stored).OrderBy(SlotOrder, StringComparer.Ordinal), (await Store.ListSlotRollupsAsync(Ct)).OrderBy(SlotOrder, StringComparer.Ordinal));
    }

    [Fact]
    public async Task Upgrading_a_database_with_day_rollups_builds_the_month_rollups_from_them()
    {
        // Half of them moved back into May, so the plays span two UTC months.
        var plays = RandomPlays(["u1", "u2"], count: 1_500, seed: 21).Select((p, i) => i % 2 == 0 ? p : p with { PlayedAt = p.PlayedAt.AddDays(-20) }).ToList();
        await using (var connection = new SqliteConnection($"Data Source={_database.Path}"))
        {
            await connection.OpenAsync(Ct);
            await using var command = connection.CreateCommand();
            command.CommandText = string.Join("\n", SqliteSchema.Migrations.Take(10)) + "\nPRAGMA user_version = 10;";
            await command.ExecuteNonQueryAsync(Ct);
            await InsertWithoutStoreAsync(connection, plays);
            // The day rows a version-10 bot kept with its writes (the insert keeps the first of each duplicate).
            await InsertDayRowsAsync(connection, PlayDayRollups.Fold(plays.DistinctBy(p => (p.UserId, p.PlayedAt, p.TrackId))));
        }

        var stored = (await Store.GetRecentAsync("u1", int.MaxValue, Ct)).Concat(await Store.GetRecentAsync("u2", int.MaxValue, Ct)).ToList();
        static string Order(PlayDayRollup r) => $"{r.Day}|{r.Rollup.Id}";
        var months = await Store.ListMonthRollupsAsync(Ct);
        Assert.Equal(PlayDayRollups.FoldMonths(stored).OrderBy(Order, StringComparer.Ordinal), months.OrderBy(Order, StringComparer.Ordinal));
        Assert.True(months.Select(m => m.Day).Distinct().Count() > 1);
        // Migration 13 builds the UTC year rows from the month rows.
        Assert.Equal(PlayDayRollups.FoldYears(stored).OrderBy(Order, StringComparer.Ordinal), (await Store.ListYearRollupsAsync(Ct)).OrderBy(Order, StringComparer.Ordinal));
    }

    [Fact]
    public async Task Long_ranges_counted_key_by_key_in_order_of_their_month_bounds_equal_the_raw_group_by_ties_included()
    {
        // 400 songs by 120 artists with a skewed popularity over ~80 days, so a list stops long before its last key,
        // and play counts are small enough that many keys tie at the list's last place (decided by time, then key).
        var random = new Random(31);
        int[] lengths = [30_000, 60_000];
        var plays = new List<Play>();
        for (var i = 0; i < 6_000; i++)
        {
            var u = random.NextDouble();
            var song = (int)(u * u * 400);
            plays.Add(Play.Create(
                "u1", $"spotify:track:{song}", $"Song {song}", null, $"Artist {song % 120}", null, $"Album {song % 200}",
                T0.AddDays(-40).AddMinutes(random.Next(0, 80 * 24 * 60)), 200_000, lengths[random.Next(lengths.Length)], PlaySource.Import));
        }

        // A play in each neighbouring year, so no range here holds every play (the all-time rollups would answer it).
        plays.Add(Plays.One("u1", "Song 0", "Artist 0", "Album 0", new DateTimeOffset(2024, 6, 1, 0, 0, 0, TimeSpan.Zero)));
        plays.Add(Plays.One("u1", "Song 0", "Artist 0", "Album 0", new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero)));
        await Store.InsertAsync(plays, Ct);

        var bounded = 0;
        foreach (var zone in new[] { "Asia/Kolkata", "America/St_Johns" })
        {
            var tz = TimeZoneInfo.FindSystemTimeZoneById(zone);
            for (var trial = 0; trial < 9; trial++)
            {
                // Weeks (bounds from the month rows), then a calendar year and ~a year across two (from the year rows).
                var first = trial < 6 ? DateOnly.FromDateTime(T0.UtcDateTime).AddDays(random.Next(-45, -5)) : new DateOnly(2025, 1, 1).AddDays(random.Next(-200, 1));
                var days = trial < 6 ? random.Next(28, 60) : trial == 6 ? 365 : random.Next(300, 366);
                var scope = PlayScope.ForUser(
                    "u1",
                    LocalTime.StartOfDay(first, tz),
                    LocalTime.StartOfDay(first.AddDays(days), tz).AddMinutes(random.Next(0, 600)));
                bounded += PlayDayRollups.Split(scope) is { } split && SqliteBoundedTopList.Suits(split) ? 1 : 0;
                foreach (var kind in Kinds)
                {
                    foreach (var limit in new[] { 1, 3, 10, 50 })
                    {
                        Assert.Equal(await Store.GetTopRawAsync(scope, kind, limit, Ct), await Store.GetTopAsync(scope, kind, limit, Ct));
                    }
                }
            }
        }

        Assert.True(bounded > 0);
    }

    [Theory]
    [InlineData(8, "month")] // Kolkata's June and July: bounds from the month rows (June whole, July's days partial).
    [InlineData(12, "year")] // Kolkata's calendar year 2025: bounds from the 2025 year rows.
    public async Task A_key_counted_late_still_takes_its_place_when_its_bound_ties_the_last_place_or_its_plays_lie_on_the_edges(int endMonth, string bounds)
    {
        // The range starts at local midnight, 18:30 UTC the day before: the start edge is 18:30–24:00 UTC.
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata");
        var start = endMonth == 8 ? new DateOnly(2025, 6, 1) : new DateOnly(2025, 1, 1);
        var end = endMonth == 8 ? new DateOnly(2025, 8, 1) : new DateOnly(2026, 1, 1);
        var scope = PlayScope.ForUser("u1", LocalTime.StartOfDay(start, zone), LocalTime.StartOfDay(end, zone));
        var edgeDay = scope.From.UtcDateTime.Date;
        Assert.Equal(bounds, SqliteBoundedTopList.BoundsLevel(PlayDayRollups.Split(scope)!).BucketColumn);
        var june = new DateTimeOffset(2025, 6, 10, 12, 0, 0, TimeSpan.Zero);
        var plays = new List<Play>();
        // 96 songs with 3 plays each (counted in two batches: the first 3 keys, then every key whose bound ties the
        // last place); t086–t095 have a longer play, so they lead the ties but come last by key.
        for (var song = 0; song < 96; song++)
        {
            for (var play = 0; play < 3; play++)
            {
                plays.Add(Plays.One("u1", $"t{song:000}", "A", "Album", june.AddHours(song).AddMinutes(play), msPlayed: song >= 86 && play == 0 ? 90_000 : 60_000));
            }
        }

        // 400 songs played once: rows a sum of the range would read, never counted (their bound is under the last place).
        for (var song = 0; song < 400; song++)
        {
            plays.Add(Plays.One("u1", $"once{song:000}", "B", "Album", june.AddDays(5).AddMinutes(song)));
        }

        // One song has 4 plays: two on the start edge (before any whole day) and two in June. Its month rows alone
        // hold 2, under the others' 3: only a bound that adds the edge plays lets it be counted.
        plays.Add(Plays.One("u1", "edge", "Z", "Album", new DateTimeOffset(edgeDay.AddHours(19), TimeSpan.Zero)));
        plays.Add(Plays.One("u1", "edge", "Z", "Album", new DateTimeOffset(edgeDay.AddHours(20), TimeSpan.Zero)));
        plays.Add(Plays.One("u1", "edge", "Z", "Album", june.AddDays(1)));
        plays.Add(Plays.One("u1", "edge", "Z", "Album", june.AddDays(2)));
        // Plays outside the range, so the all-time rollups do not answer it.
        plays.Add(Plays.One("u1", "before", "Z", "Album", scope.From.AddMinutes(-1)));
        plays.Add(Plays.One("u1", "after", "Z", "Album", scope.To.AddDays(3)));
        await Store.InsertAsync(plays, Ct);

        Assert.True(SqliteBoundedTopList.Suits(PlayDayRollups.Split(scope)!));
        var top = await Store.GetTopAsync(scope, TopKind.Tracks, 3, Ct);

        Assert.Equal(["edge", "t086", "t087"], top.Select(t => t.Name));
        Assert.Equal([4, 3, 3], top.Select(t => t.Plays));
        Assert.Equal(await Store.GetTopRawAsync(scope, TopKind.Tracks, 3, Ct), top);
        // The list came from counting keys in order of their bounds: 97 keys counted, against about 500 rows to sum.
        Assert.Equal(top, await Store.TryGetTopBoundedAsync(scope, TopKind.Tracks, 3, Ct));
    }

    [Fact]
    public async Task A_sparse_long_range_where_most_keys_tie_near_the_last_place_is_summed_instead_of_counted_key_by_key()
    {
        // A light listener's month: 300 songs played twice, 200 once, so the 3rd place has 2 plays and 300 keys have
        // bounds reaching it, against about 800 rows in the month: counting them one by one would cost more than the sum.
        // The range is all day rows (5 June to 4 July in UTC), and the songs' first plays lie on its first whole day.
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata");
        var scope = PlayScope.ForUser("u1", LocalTime.StartOfDay(new DateOnly(2025, 6, 5), zone), LocalTime.StartOfDay(new DateOnly(2025, 7, 5), zone));
        var firstDay = new DateTimeOffset(2025, 6, 5, 0, 0, 0, TimeSpan.Zero);
        var plays = new List<Play>();
        for (var song = 0; song < 500; song++)
        {
            var at = song < 300 ? firstDay.AddMinutes(song) : firstDay.AddDays(7).AddMinutes(song);
            plays.Add(Plays.One("u1", $"t{song:000}", $"Artist {song}", $"Album {song}", at, msPlayed: 60_000 + song));
            if (song < 300)
            {
                plays.Add(Plays.One("u1", $"t{song:000}", $"Artist {song}", $"Album {song}", firstDay.AddDays(15).AddMinutes(song), msPlayed: 60_000 + song));
            }
        }

        plays.Add(Plays.One("u1", "before", "Z", "Album", scope.From.AddDays(-40)));
        plays.Add(Plays.One("u1", "after", "Z", "Album", scope.To.AddDays(40)));
        await Store.InsertAsync(plays, Ct);
        Assert.True(SqliteBoundedTopList.Suits(PlayDayRollups.Split(scope)!));

        foreach (var kind in Kinds)
        {
            Assert.Null(await Store.TryGetTopBoundedAsync(scope, kind, 3, Ct));
            var top = await Store.GetTopAsync(scope, kind, 3, Ct);
            Assert.Equal(await Store.GetTopRawAsync(scope, kind, 3, Ct), top);
            Assert.Equal([2, 2, 2], top.Select(t => t.Plays));
            Assert.All(top, t => Assert.Equal(firstDay.Date, t.FirstPlayedAt.UtcDateTime.Date));
        }
    }

    private async Task<IReadOnlyList<TopItem>> RollupsAsync(IReadOnlyList<string> userIds, TopKind kind) =>
        await Store.TryGetTopFromRollupsAsync(new PlayScope(userIds, PlayScope.Beginning, PlayScope.End), kind, 1_000, Ct)
        ?? throw new InvalidOperationException("All time must be answered from the rollups.");

    /// <summary>For every kind and a long and a short limit, the rollups give exactly the raw group-by's list, and GetTopAsync gives it too.</summary>
    private async Task AssertRollupsEqualRawAsync(params IReadOnlyList<string>[] userSets)
    {
        foreach (var users in userSets)
        {
            var scope = new PlayScope(users, PlayScope.Beginning, PlayScope.End);
            foreach (var kind in Kinds)
            {
                foreach (var limit in new[] { 1_000, 7 })
                {
                    var raw = await Store.GetTopRawAsync(scope, kind, limit, Ct);
                    Assert.NotEmpty(raw);
                    Assert.Equal(raw, await Store.TryGetTopFromRollupsAsync(scope, kind, limit, Ct));
                    Assert.Equal(raw, await Store.GetTopAsync(scope, kind, limit, Ct));
                }
            }
        }
    }

    /// <summary>
    /// Plays over a few songs in several spellings (case, edition suffixes, featured artists, with and without an
    /// album), few distinct play lengths so ties in plays and time are common, and repeated timestamps.
    /// </summary>
    private static List<Play> RandomPlays(IReadOnlyList<string> userIds, int count, int seed)
    {
        string[] titles = ["Hello", "HELLO", "hello", "Hello - Remastered 2011", "Jóga", "JOGA", "Сплин", "СПЛИН", "Alpha", "alpha", "Beta"];
        string[] artists = ["Adele", "ADELE", "Björk", "Bjork", "Adele feat. Someone", "Band"];
        string?[] albums = ["25", "25 (Deluxe Edition)", "Homogenic", "homogenic", null, ""];
        int[] lengths = [30_000, 60_000, 90_000];
        var random = new Random(seed);
        var plays = new List<Play>(count);
        for (var i = 0; i < count; i++)
        {
            var title = titles[random.Next(titles.Length)];
            var artist = artists[random.Next(artists.Length)];
            plays.Add(Play.Create(
                userIds[random.Next(userIds.Count)],
                $"spotify:track:{random.Next(6)}",
                title,
                null,
                artist,
                null,
                albums[random.Next(albums.Length)],
                T0.AddMinutes(random.Next(0, 20_000)).AddMilliseconds(random.Next(0, 3)),
                200_000,
                lengths[random.Next(lengths.Length)],
                PlaySource.Import));
        }

        return plays;
    }

    private static async Task InsertDayRowsAsync(SqliteConnection connection, IEnumerable<PlayDayRollup> rows)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO play_day_rollups (user_id, kind, day, key, name, artist, plays, ms, first_at, last_at)
            VALUES ($user, $kind, $day, $key, $name, $artist, $plays, $ms, $first, $last)
            """;
        foreach (var (day, row) in rows)
        {
            command.Parameters.Clear();
            command.Parameters.AddWithValue("$user", row.Id.UserId);
            command.Parameters.AddWithValue("$kind", (int)row.Id.Kind);
            command.Parameters.AddWithValue("$day", day);
            command.Parameters.AddWithValue("$key", row.Id.Key);
            command.Parameters.AddWithValue("$name", row.Id.Name);
            command.Parameters.AddWithValue("$artist", row.Id.Artist);
            command.Parameters.AddWithValue("$plays", row.Plays);
            command.Parameters.AddWithValue("$ms", row.MsPlayed);
            command.Parameters.AddWithValue("$first", row.FirstPlayedAt.ToUnixTimeMilliseconds());
            command.Parameters.AddWithValue("$last", row.LastPlayedAt.ToUnixTimeMilliseconds());
            await command.ExecuteNonQueryAsync(Ct);
        }
    }

    private static async Task InsertWithoutStoreAsync(SqliteConnection connection, IEnumerable<Play> plays)
    {
        await using var transaction = connection.BeginTransaction();
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT OR IGNORE INTO plays (user_id, played_at, track_id, track_name, artist_id, artist_name, album_id, album_name,
                duration_ms, ms_played, source, track_key, artist_key, album_key)
            VALUES ($user, $at, $track_id, $track, NULL, $artist, NULL, $album, $duration, $ms, $source, $track_key, $artist_key, $album_key)
            """;
        foreach (var play in plays)
        {
            command.Parameters.Clear();
            command.Parameters.AddWithValue("$user", play.UserId);
            command.Parameters.AddWithValue("$at", play.PlayedAt.ToUnixTimeMilliseconds());
            command.Parameters.AddWithValue("$track_id", play.TrackId);
            command.Parameters.AddWithValue("$track", play.TrackName);
            command.Parameters.AddWithValue("$artist", play.ArtistName);
            command.Parameters.AddWithValue("$album", (object?)play.AlbumName ?? DBNull.Value);
            command.Parameters.AddWithValue("$duration", play.DurationMs);
            command.Parameters.AddWithValue("$ms", play.MsPlayed);
            command.Parameters.AddWithValue("$source", (int)play.Source);
            command.Parameters.AddWithValue("$track_key", play.TrackKey);
            command.Parameters.AddWithValue("$artist_key", play.ArtistKey);
            command.Parameters.AddWithValue("$album_key", play.AlbumKey);
            await command.ExecuteNonQueryAsync(Ct);
        }

        await transaction.CommitAsync(Ct);
    }
}
