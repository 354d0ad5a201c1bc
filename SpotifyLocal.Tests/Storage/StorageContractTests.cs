using SpotifyLocal.Core.Stats;
using SpotifyLocal.Core.Storage;
using SpotifyLocal.Tests.Builders;

namespace SpotifyLocal.Tests.Storage;

/// <summary>
/// The storage contract: every backend runs this same suite (SQLite always, MongoDB when a test server is
/// configured), so results are identical whichever backend a self-hoster picks.
/// </summary>
public abstract class StorageContractTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);
    private StorageUnderTest? _storage;

    protected StorageUnderTest Storage => _storage ?? throw new InvalidOperationException("Storage not created.");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Creates a fresh, empty backend instance (or calls Assert.Skip when the backend is unavailable).</summary>
    protected abstract Task<StorageUnderTest> CreateStorageAsync();

    public async ValueTask InitializeAsync() => _storage = await CreateStorageAsync();

    public async ValueTask DisposeAsync()
    {
        if (_storage is not null)
        {
            await _storage.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task Inserting_the_same_10000_plays_twice_reports_10000_duplicates_and_stores_10000()
    {
        var plays = Plays.For("u1").Count(10_000).Every(TimeSpan.FromMinutes(3)).Build();

        var first = await InsertInBatchesAsync(plays);
        var second = await InsertInBatchesAsync(plays);

        Assert.Equal(new InsertResult(10_000, 0), first);
        Assert.Equal(new InsertResult(0, 10_000), second);
        Assert.Equal(10_000, await Storage.Plays.CountAsync(PlayScope.AllTime("u1"), Ct));
    }

    [Fact]
    public async Task A_stored_play_reads_back_field_for_field_with_its_context_and_its_unknowns()
    {
        var full = Play.Create("u1", "spotify:track:full", "Jóga – Ünïcode ✓", "spotify:artist:b", "Björk", "spotify:album:h", "Homogenic", T0, 305_000, 301_000, PlaySource.Import)
            with { Context = new PlayContext(Skipped: false, "clickrow", "trackdone", Shuffle: true, "android", Offline: false) };
        var sparse = Play.Create("u1", "spotify:track:sparse", "Song", null, "Band", null, null, T0.AddMinutes(10), 0, 40_000, PlaySource.Tracked);
        var partial = Play.Create("u1", "spotify:track:partial", "Other", null, "Band", null, "Record", T0.AddMinutes(20), 0, 35_000, PlaySource.AccountData)
            with { Context = new PlayContext(Skipped: true, null, "fwdbtn", Shuffle: null, null, Offline: true) };

        Assert.Equal(new InsertResult(3, 0), await Storage.Plays.InsertAsync([full, sparse, partial], Ct));

        Assert.Equal([partial, sparse, full], await Storage.Plays.GetRecentAsync("u1", 10, Ct));
    }

    [Fact]
    public async Task Repeats_inside_one_batch_count_as_duplicates()
    {
        var play = Plays.One("u1", "Song", "Band", "Record", T0);
        var result = await Storage.Plays.InsertAsync([play, play, play with { MsPlayed = 1 }], Ct);

        Assert.Equal(new InsertResult(1, 2), result);
    }

    [Fact]
    public async Task The_same_time_with_another_track_or_user_is_not_a_duplicate()
    {
        var a = Plays.One("u1", "Song", "Band", "Record", T0);
        var b = Plays.One("u1", "Other", "Band", "Record", T0);
        var c = Plays.One("u2", "Song", "Band", "Record", T0);

        Assert.Equal(new InsertResult(3, 0), await Storage.Plays.InsertAsync([a, b, c], Ct));
    }

    [Fact]
    public async Task Artist_days_are_local_days_per_artist_with_their_plays()
    {
        var india = TimeSpan.FromHours(5.5);
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata");
        // 18:20Z and 18:40Z on 1 March: 23:50 on the 1st and 00:10 on the 2nd in Kolkata.
        await Storage.Plays.InsertAsync(
            [
                Plays.One("u1", "A1", "Alpha", null, new(2026, 3, 1, 23, 50, 0, india)),
                Plays.One("u1", "A2", "Alpha", null, new(2026, 3, 2, 0, 10, 0, india)),
                Plays.One("u1", "A3", "Alpha", null, new(2026, 3, 2, 9, 0, 0, india)),
                Plays.One("u1", "B1", "Beta", null, new(2026, 3, 2, 9, 0, 0, india)),
                Plays.One("u1", "C1", "Gamma", null, new(2026, 3, 2, 9, 0, 0, india)),
                Plays.One("u2", "A1", "Alpha", null, new(2026, 3, 3, 9, 0, 0, india)),
            ],
            Ct);
        var scope = PlayScope.AllTime("u1");
        var offsets = LocalDayOffsets.For(zone, new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero), new(2026, 3, 3, 0, 0, 0, TimeSpan.Zero));

        var days = await Storage.Plays.GetArtistDaysAsync(scope, ["alpha", "beta", "nobody"], offsets, Ct);

        Assert.Equal(
            [new ArtistDay("alpha", new(2026, 3, 1), 1), new ArtistDay("alpha", new(2026, 3, 2), 2), new ArtistDay("beta", new(2026, 3, 2), 1)],
            days);
        Assert.Empty(await Storage.Plays.GetArtistDaysAsync(scope, [], offsets, Ct));
    }

    [Fact]
    public async Task Discoveries_are_keys_first_played_in_the_range_ranked_by_all_their_plays()
    {
        await Storage.Plays.InsertAsync(
            [
                Plays.One("u1", "Old", "Known", "X", T0),
                Plays.One("u1", "New", "Known", "X", T0.AddDays(1)),
                Plays.One("u1", "New", "Known", "X", T0.AddDays(5)),
                Plays.One("u1", "Fresh", "Newcomer", "Y", T0.AddDays(2)),
                Plays.One("u1", "Fresh", "Newcomer", "Y", T0.AddDays(6)),
                Plays.One("u1", "Fresh", "Newcomer", "Y", T0.AddDays(7)),
                Plays.One("u1", "Later", "Latecomer", "Z", T0.AddDays(4)),
            ],
            Ct);
        var range = PlayScope.ForUser("u1", T0.AddHours(1), T0.AddDays(4));

        var artists = await Storage.Plays.GetDiscoveriesAsync(range, TopKind.Artists, 10, Ct);
        var tracks = await Storage.Plays.GetDiscoveriesAsync(range, TopKind.Tracks, 1, Ct);

        Assert.Equal(1, artists.Total);
        Assert.Equal(new TopItem("newcomer", "Newcomer", null, 3, 540_000, T0.AddDays(2), T0.AddDays(7)), Assert.Single(artists.Items));
        Assert.Equal(2, tracks.Total);
        Assert.Equal(("Fresh", "Newcomer", 3), tracks.Items.Select(i => (i.Name, i.ArtistName, i.Plays)).Single());
        var nobody = await Storage.Plays.GetDiscoveriesAsync(PlayScope.ForUser("u2", T0, T0.AddDays(9)), TopKind.Artists, 10, Ct);
        Assert.Equal(0, nobody.Total);
        Assert.Empty(nobody.Items);
    }

    [Fact]
    public async Task Skip_counts_are_per_key_over_the_plays_that_say_whether_they_were_skipped()
    {
        var skipped = new PlayContext(true, "clickrow", "fwdbtn", false, "android", false);
        var finished = new PlayContext(false, "clickrow", "trackdone", false, "android", false);
        await Storage.Plays.InsertAsync(
            [
                Plays.One("u1", "Song", "Band", "X", T0) with { Context = skipped },
                Plays.One("u1", "Song", "Band", "X", T0.AddHours(1)) with { Context = finished },
                Plays.One("u1", "SONG", "Band", "X", T0.AddHours(2)) with { Context = skipped },
                // No skipped field, and no context at all (tracked): neither counts.
                Plays.One("u1", "Other", "Band", "X", T0.AddHours(3)) with { Context = new PlayContext(null, null, "endplay", null, null, null) },
                Plays.One("u1", "Other", "Band", "X", T0.AddHours(4), PlaySource.Tracked),
                Plays.One("u1", "Third", "Solo", "Y", T0.AddHours(5)) with { Context = finished },
                Plays.One("u1", "Song", "Band", "X", T0.AddDays(-1)) with { Context = skipped },
                Plays.One("u2", "Song", "Band", "X", T0) with { Context = skipped },
            ],
            Ct);
        var range = PlayScope.ForUser("u1", T0, T0.AddDays(1));
        var song = new SkipCount(IdentityKeys.Track("Band", "Song"), "Song", "Band", 3, 2);

        Assert.Equal(
            [song, new SkipCount(IdentityKeys.Track("Solo", "Third"), "Third", "Solo", 1, 0)],
            await Storage.Plays.GetSkipCountsAsync(range, TopKind.Tracks, 0, Ct));
        Assert.Equal([song], await Storage.Plays.GetSkipCountsAsync(range, TopKind.Tracks, 1, Ct));
        Assert.Equal(
            [new SkipCount("band", "Band", null, 3, 2), new SkipCount("solo", "Solo", null, 1, 0)],
            await Storage.Plays.GetSkipCountsAsync(range, TopKind.Artists, 0, Ct));
        Assert.Empty(await Storage.Plays.GetSkipCountsAsync(PlayScope.ForUser("u3", T0, T0.AddDays(1)), TopKind.Artists, 0, Ct));
    }

    [Fact]
    public async Task Recent_plays_round_trip_every_field_newest_first()
    {
        var older = Play.Create("u1", "spotify:track:1", "Jóga", "artist1", "Björk", "album1", "Homogenic", T0.AddTicks(1_234), 305_000, 299_000, PlaySource.Tracked);
        var newer = Plays.One("u1", "Сплин", "Сплин", null, T0.AddHours(1));
        await Storage.Plays.InsertAsync([older, newer], Ct);

        var recent = await Storage.Plays.GetRecentAsync("u1", 10, Ct);

        Assert.Equal([newer, older], recent);
        Assert.Equal(T0.ToUnixTimeMilliseconds(), recent[1].PlayedAt.ToUnixTimeMilliseconds());
        Assert.Single(await Storage.Plays.GetRecentAsync("u1", 1, Ct));
    }

    [Fact]
    public async Task Top_tracks_group_by_key_rank_by_plays_then_time_and_show_the_most_played_spelling()
    {
        await Storage.Plays.InsertAsync(
        [
            Plays.One("u1", "Hello", "Adele", "25", T0, msPlayed: 100_000, trackId: "spotify:track:a"),
            Plays.One("u1", "HELLO", "Adele", "25 (Deluxe)", T0.AddMinutes(5), msPlayed: 100_000, trackId: "spotify:track:b"),
            Plays.One("u1", "HELLO", "Adele", "25 (Deluxe)", T0.AddMinutes(10), msPlayed: 100_000, trackId: "spotify:track:b"),
            Plays.One("u1", "Skyfall", "Adele", "Skyfall", T0.AddMinutes(15), msPlayed: 200_000),
            Plays.One("u1", "Skyfall", "Adele", "Skyfall", T0.AddMinutes(20), msPlayed: 200_000),
            Plays.One("u1", "Rolling", "Adele", "21", T0.AddMinutes(25), msPlayed: 500_000),
            Plays.One("u1", "Rolling", "Adele", "21", T0.AddMinutes(30), msPlayed: 100_000),
        ], Ct);

        var top = await Storage.Plays.GetTopAsync(PlayScope.AllTime("u1"), TopKind.Tracks, 10, Ct);

        Assert.Equal(["HELLO", "Rolling", "Skyfall"], top.Select(t => t.Name));
        Assert.Equal([3, 2, 2], top.Select(t => t.Plays));
        Assert.Equal([300_000L, 600_000L, 400_000L], top.Select(t => t.MsPlayed));
        Assert.All(top, t => Assert.Equal("Adele", t.ArtistName));
        Assert.Equal(T0, top[0].FirstPlayedAt);
        Assert.Equal(T0.AddMinutes(10), top[0].LastPlayedAt);
    }

    [Fact]
    public async Task Ties_in_plays_and_time_are_broken_by_key_and_the_limit_applies()
    {
        await Storage.Plays.InsertAsync(
        [
            Plays.One("u1", "Zeta", "Band", null, T0),
            Plays.One("u1", "Alpha", "Band", null, T0.AddMinutes(5)),
            Plays.One("u1", "Mid", "Band", null, T0.AddMinutes(10)),
        ], Ct);

        var top = await Storage.Plays.GetTopAsync(PlayScope.AllTime("u1"), TopKind.Tracks, 2, Ct);

        Assert.Equal(["Alpha", "Mid"], top.Select(t => t.Name));
    }

    [Fact]
    public async Task Top_artists_and_albums_group_by_their_keys_and_albums_ignore_plays_without_an_album()
    {
        await Storage.Plays.InsertAsync(
        [
            Plays.One("u1", "A1", "Röyksopp", "Melody A.M.", T0),
            Plays.One("u1", "A2", "ROYKSOPP", "Melody A.M.", T0.AddMinutes(4)),
            Plays.One("u1", "A3", "Röyksopp", "Melody A.M.", T0.AddMinutes(8)),
            Plays.One("u1", "A4", "Röyksopp", null, T0.AddMinutes(10)),
            Plays.One("u1", "B1", "Air", "Moon Safari", T0.AddMinutes(12)),
        ], Ct);

        var artists = await Storage.Plays.GetTopAsync(PlayScope.AllTime("u1"), TopKind.Artists, 10, Ct);
        var albums = await Storage.Plays.GetTopAsync(PlayScope.AllTime("u1"), TopKind.Albums, 10, Ct);

        Assert.Equal([("Röyksopp", 4), ("Air", 1)], artists.Select(a => (a.Name, a.Plays)));
        Assert.All(artists, a => Assert.Null(a.ArtistName));
        Assert.Equal([("Melody A.M.", 3), ("Moon Safari", 1)], albums.Select(a => (a.Name, a.Plays)));
        Assert.Equal("Röyksopp", albums[0].ArtistName);
    }

    [Fact]
    public async Task Scopes_are_half_open_and_can_span_several_users()
    {
        await Storage.Plays.InsertAsync(
        [
            Plays.One("u1", "Before", "X", null, T0.AddMilliseconds(-1)),
            Plays.One("u1", "AtStart", "X", null, T0),
            Plays.One("u2", "Other user", "X", null, T0.AddMinutes(1)),
            Plays.One("u3", "Not asked", "X", null, T0.AddMinutes(1)),
            Plays.One("u1", "AtEnd", "X", null, T0.AddHours(1)),
        ], Ct);
        var scope = new PlayScope(["u1", "u2"], T0, T0.AddHours(1));

        var top = await Storage.Plays.GetTopAsync(scope, TopKind.Tracks, 10, Ct);

        Assert.Equal(["AtStart", "Other user"], top.Select(t => t.Name).Order(StringComparer.Ordinal));
        Assert.Equal(2, await Storage.Plays.CountAsync(scope, Ct));
    }

    [Fact]
    public async Task Totals_count_plays_time_and_distinct_tracks_artists_and_albums()
    {
        await Storage.Plays.InsertAsync(
        [
            Plays.One("u1", "Song", "Band", "Record", T0, msPlayed: 60_000, trackId: "spotify:track:1"),
            // A deluxe edition is the same album under IdentityKeys' rules, so the second album has another name.
            Plays.One("u1", "song", "band", "Second Record", T0.AddMinutes(3), msPlayed: 60_000, trackId: "spotify:track:2"),
            Plays.One("u1", "Other", "Band", null, T0.AddMinutes(6), msPlayed: 30_000),
            Plays.One("u1", "Third", "Solo", "Alone", T0.AddMinutes(9), msPlayed: 45_000),
        ], Ct);

        var totals = await Storage.Plays.GetTotalsAsync(PlayScope.AllTime("u1"), Ct);

        Assert.Equal(new ListeningTotals(4, 195_000, 3, 2, 3), totals);
        Assert.Equal(ListeningTotals.Empty, await Storage.Plays.GetTotalsAsync(PlayScope.AllTime("nobody"), Ct));
    }

    [Fact]
    public async Task Listening_buckets_are_15_minute_utc_slots_in_time_order()
    {
        static Play Skip(Play play, bool skipped) => play with { Context = PlayContext.OrNull(skipped, null, null, null, null, null) };
        await Storage.Plays.InsertAsync(
        [
            Skip(Plays.One("u1", "A", "X", null, T0.AddMinutes(1), msPlayed: 10_000), skipped: true),
            Skip(Plays.One("u1", "B", "X", null, T0.AddMinutes(14), msPlayed: 20_000), skipped: false),
            Plays.One("u1", "C", "X", null, T0.AddMinutes(15), msPlayed: 40_000),
            Skip(Plays.One("u1", "D", "X", null, T0.AddHours(5), msPlayed: 80_000), skipped: true),
            Plays.One("u2", "E", "X", null, T0.AddMinutes(16), msPlayed: 5_000),
        ], Ct);

        var buckets = await Storage.Plays.GetListeningBucketsAsync(PlayScope.AllTime("u1"), Ct);

        Assert.Equal(
        [
            new ListeningBucket(T0, 2, 30_000, SkipKnown: 2, Skipped: 1),
            new ListeningBucket(T0.AddMinutes(15), 1, 40_000, SkipKnown: 0, Skipped: 0),
            new ListeningBucket(T0.AddHours(5), 1, 80_000, SkipKnown: 1, Skipped: 1),
        ], buckets);
        // A range cut inside slots holds only its own plays of the edge slots; users are summed per slot.
        Assert.Equal(
        [
            new ListeningBucket(T0, 1, 20_000, SkipKnown: 1, Skipped: 0),
            new ListeningBucket(T0.AddMinutes(15), 2, 45_000, SkipKnown: 0, Skipped: 0),
        ],
        await Storage.Plays.GetListeningBucketsAsync(new PlayScope(["u1", "u2", "u1"], T0.AddMinutes(10), T0.AddHours(5)), Ct));
        Assert.Equal(
            [new ListeningBucket(T0, 1, 10_000, SkipKnown: 1, Skipped: 1)],
            await Storage.Plays.GetListeningBucketsAsync(new PlayScope(["u1"], T0.AddMinutes(1), T0.AddMinutes(2)), Ct));
    }

    [Fact]
    public async Task Stamps_and_latest_play_describe_what_is_stored()
    {
        var tracked = Plays.One("u1", "A", "X", null, T0, PlaySource.Tracked);
        var imported = Plays.One("u1", "B", "X", null, T0.AddMinutes(5));
        await Storage.Plays.InsertAsync([imported, tracked], Ct);

        var stamps = await Storage.Plays.GetStampsAsync(PlayScope.AllTime("u1"), Ct);

        Assert.Equal(
        [
            new PlayStamp(T0, tracked.TrackId, tracked.TrackKey, PlaySource.Tracked, tracked.MsPlayed),
            new PlayStamp(T0.AddMinutes(5), imported.TrackId, imported.TrackKey, PlaySource.Import, imported.MsPlayed),
        ], stamps);
        // The imported play is newer, but only tracked plays move the tracking cursor.
        Assert.Equal(T0, await Storage.Plays.GetLatestTrackedAtAsync("u1", Ct));
        Assert.Null(await Storage.Plays.GetLatestTrackedAtAsync("nobody", Ct));
    }

    [Fact]
    public async Task Two_writers_at_once_store_a_play_seen_by_two_sources_once()
    {
        var other = Storage.OtherProcessPlays?.Invoke() ?? throw new InvalidOperationException("The backend must offer a second writer.");
        var tracking = new PlayBatchWriter(Storage.Plays);
        var import = new PlayBatchWriter(other);
        var songs = Enumerable.Range(0, 150).ToList();

        await Parallel.ForEachAsync(songs, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = Ct }, async (i, ct) =>
        {
            var end = T0.AddMinutes(5 * i);
            var tracked = Plays.One("u1", $"Song {i}", "Band", "Album", end.AddSeconds(3), PlaySource.Tracked, trackId: $"spotify:track:t{i}");
            var exported = Plays.One("u1", $"Song {i}", "Band", "Album", end, PlaySource.Import, trackId: $"spotify:track:t{i}");
            await Task.WhenAll(
                Task.Run(() => tracking.WriteAsync([tracked], ct), ct),
                Task.Run(() => import.WriteAsync([exported], ct), ct));
        });

        Assert.Equal(songs.Count, await Storage.Plays.CountAsync(PlayScope.AllTime("u1"), Ct));
    }

    [Fact]
    public async Task Reassigning_moves_every_play_and_drops_the_ones_the_target_already_has()
    {
        var shared = Plays.For("local").Count(5).Build();
        var onlyLocal = Plays.For("local").Starting(T0.AddYears(1)).Count(3).Build();
        await Storage.Plays.InsertAsync([.. shared, .. onlyLocal], Ct);
        await Storage.Plays.InsertAsync(shared.Select(p => p with { UserId = "spotify-user" }).ToList(), Ct);

        var result = await Storage.Plays.ReassignAsync("local", "spotify-user", Ct);

        Assert.Equal(new InsertResult(3, 5), result);
        Assert.Equal(0, await Storage.Plays.CountAsync(PlayScope.AllTime("local"), Ct));
        Assert.Equal(8, await Storage.Plays.CountAsync(PlayScope.AllTime("spotify-user"), Ct));
    }

    [Fact]
    public async Task Paging_from_a_cursor_reads_every_play_of_the_user_once_oldest_first_even_when_times_tie()
    {
        // Three tracks at each of 40 instants: pages of 7 split ties, so the cursor must order by time, then track id.
        var tied = Enumerable.Range(0, 40)
            .SelectMany(i => new[] { "c", "a", "b" }.Select(t => Plays.One("u1", $"Song {t}", "Band", null, T0.AddMinutes(i), trackId: $"spotify:track:{t}")))
            .ToList();
        tied[0] = Play.Create("u1", "spotify:track:c", "Jóga", "artist1", "Björk", "album1", "Homogenic", T0, 305_000, 299_000, PlaySource.Tracked);
        await Storage.Plays.InsertAsync(tied, Ct);
        await Storage.Plays.InsertAsync([.. Plays.For("u2").Starting(T0).Every(TimeSpan.FromSeconds(30)).Count(50).Build()], Ct);

        var read = new List<Play>();
        var pages = 0;
        PlayCursor? after = null;
        while (await Storage.Plays.GetPageAsync("u1", after, 7, Ct) is { Count: > 0 } page)
        {
            Assert.True(page.Count <= 7);
            read.AddRange(page);
            after = PlayCursor.After(page[^1]);
            pages++;
        }

        Assert.Equal(18, pages);
        Assert.Equal([.. tied.OrderBy(p => p.PlayedAt).ThenBy(p => p.TrackId, StringComparer.Ordinal)], read);
        Assert.Empty(await Storage.Plays.GetPageAsync("nobody", null, 7, Ct));
    }

    [Fact]
    public async Task Deleting_a_user_removes_only_that_users_plays()
    {
        await Storage.Plays.InsertAsync([.. Plays.For("u1").Count(7).Build(), .. Plays.For("u2").Count(2).Build()], Ct);

        Assert.Equal(7, await Storage.Plays.DeleteUserAsync("u1", Ct));
        Assert.Equal(0, await Storage.Plays.CountAsync(PlayScope.AllTime("u1"), Ct));
        Assert.Equal(2, await Storage.Plays.CountAsync(PlayScope.AllTime("u2"), Ct));
    }

    [Fact]
    public async Task Users_round_trip_and_only_linked_users_are_listed()
    {
        var linked = new User
        {
            SpotifyId = "alice",
            AccountId = "acc-1",
            DisplayName = "Alice",
            EncryptedAccessToken = "enc-a",
            EncryptedRefreshToken = "enc-r",
            TokenExpiresAt = T0.AddHours(1),
            ConsentedAt = T0,
            JoinedAt = T0,
            HasInitialImport = true,
            HasFullImport = false,
            LastCheckAt = T0.AddMinutes(2),
            TimeZone = "Europe/Berlin",
            LinkState = LinkState.Linked,
            RelinkReminderSentAt = null,
        };
        var local = new User { SpotifyId = "telegram:42", JoinedAt = T0 };
        Assert.True(await Storage.Users.CreateAsync(linked, Ct));
        Assert.True(await Storage.Users.CreateAsync(local, Ct));
        Assert.False(await Storage.Users.CreateAsync(linked with { DisplayName = "Alice B." }, Ct));

        Assert.Equal(linked, await Storage.Users.GetAsync("alice", Ct));
        Assert.Equal(linked, await Storage.Users.FindByAccountIdAsync("acc-1", Ct));
        Assert.Null(await Storage.Users.FindByAccountIdAsync("acc-2", Ct));
        Assert.Equal(local, await Storage.Users.GetAsync("telegram:42", Ct));
        Assert.Equal(["alice"], (await Storage.Users.ListLinkedAsync(Ct)).Select(u => u.SpotifyId));
        Assert.True(await Storage.Users.DeleteAsync("alice", Ct));
        Assert.Null(await Storage.Users.GetAsync("alice", Ct));
        Assert.False(await Storage.Users.DeleteAsync("alice", Ct));
    }

    [Fact]
    public async Task Each_user_write_changes_only_the_fields_it_owns()
    {
        var user = new User { SpotifyId = "alice", JoinedAt = T0, TimeZone = "UTC" };
        await Storage.Users.CreateAsync(user, Ct);

        await Storage.Users.StoreLinkAsync("alice", new LinkGrant("acc-1", "Alice", "enc-a1", "enc-r1", T0.AddHours(1), T0), Ct);
        await Storage.Users.SetTimeZoneAsync("alice", "Europe/Berlin", Ct);
        await Storage.Users.RecordCheckAsync("alice", T0.AddMinutes(5), Ct);
        await Storage.Users.MarkFullImportAsync("alice", Ct);
        await Storage.Users.MarkRelinkReminderSentAsync("alice", T0.AddDays(1), Ct);
        var stale = await Storage.Users.ReplaceTokensAsync("alice", "enc-r0", "enc-a-stale", "enc-r-stale", T0.AddHours(2), Ct);
        var rotated = await Storage.Users.ReplaceTokensAsync("alice", "enc-r1", "enc-a2", "enc-r2", T0.AddHours(3), Ct);
        await Storage.Users.SetTimeZoneAsync("nobody", "Asia/Tokyo", Ct);

        Assert.False(stale);
        Assert.True(rotated);
        Assert.Null(await Storage.Users.GetAsync("nobody", Ct));
        Assert.Equal(
            user with
            {
                AccountId = "acc-1", DisplayName = "Alice", EncryptedAccessToken = "enc-a2", EncryptedRefreshToken = "enc-r2",
                TokenExpiresAt = T0.AddHours(3), ConsentedAt = T0, LinkState = LinkState.Linked, TimeZone = "Europe/Berlin",
                LastCheckAt = T0.AddMinutes(5), HasInitialImport = true, HasFullImport = true, RelinkReminderSentAt = T0.AddDays(1),
            },
            await Storage.Users.GetAsync("alice", Ct));
    }

    [Fact]
    public async Task Ending_a_link_that_was_replaced_meanwhile_changes_nothing()
    {
        await Storage.Users.CreateAsync(new User { SpotifyId = "alice", JoinedAt = T0 }, Ct);
        await Storage.Users.StoreLinkAsync("alice", new LinkGrant("acc-1", null, "enc-a1", "enc-r1", T0.AddHours(1), T0), Ct);

        var staleEnd = await Storage.Users.EndLinkAsync("alice", LinkState.NeedsRelink, "enc-r0", Ct);
        var kept = await Storage.Users.GetAsync("alice", Ct);
        var unlinked = await Storage.Users.EndLinkAsync("alice", LinkState.NotLinked, expectedEncryptedRefreshToken: null, Ct);
        var refreshAfterUnlink = await Storage.Users.ReplaceTokensAsync("alice", "enc-r1", "enc-a2", "enc-r2", T0.AddHours(2), Ct);

        Assert.False(staleEnd);
        Assert.Equal(LinkState.Linked, kept!.LinkState);
        Assert.Equal("enc-r1", kept.EncryptedRefreshToken);
        Assert.True(unlinked);
        Assert.False(refreshAfterUnlink);
        var user = await Storage.Users.GetAsync("alice", Ct);
        Assert.True(user is { LinkState: LinkState.NotLinked, EncryptedAccessToken: null, EncryptedRefreshToken: null, TokenExpiresAt: null, AccountId: "acc-1" });
    }

    [Fact]
    public async Task A_chat_identity_points_at_one_user_and_a_user_can_have_several_identities()
    {
        var discord = new ChatIdentity(ChatIdentity.Discord, "1001");
        var telegram = new ChatIdentity(ChatIdentity.Telegram, "2002");
        await Storage.ChatLinks.SetAsync(discord, "someone-else", Ct);
        await Storage.ChatLinks.SetAsync(discord, "alice", Ct);
        await Storage.ChatLinks.SetAsync(telegram, "alice", Ct);

        Assert.Equal("alice", await Storage.ChatLinks.GetUserIdAsync(discord, Ct));
        Assert.Equal([discord, telegram], await Storage.ChatLinks.ListForUserAsync("alice", Ct));
        Assert.Empty(await Storage.ChatLinks.ListForUserAsync("someone-else", Ct));
        Assert.True(await Storage.ChatLinks.RemoveAsync(discord, Ct));
        Assert.Null(await Storage.ChatLinks.GetUserIdAsync(discord, Ct));
        Assert.False(await Storage.ChatLinks.RemoveAsync(discord, Ct));
    }

    [Fact]
    public async Task Only_one_active_import_job_per_user_and_finished_jobs_do_not_block()
    {
        var first = Job("j1", "u1");
        Assert.True(await Storage.ImportJobs.TryCreateAsync(first, Ct));
        Assert.False(await Storage.ImportJobs.TryCreateAsync(Job("j2", "u1"), Ct));
        Assert.True(await Storage.ImportJobs.TryCreateAsync(Job("j3", "u2"), Ct));

        var done = first with
        {
            Status = ImportJobStatus.Completed,
            TotalTracks = 10,
            ProcessedTracks = 10,
            Inserted = 7,
            Duplicates = 1,
            Skipped = 2,
            SkippedByReason = new Dictionary<string, long> { ["podcast"] = 1, ["short"] = 1 },
            StartedAt = T0.AddSeconds(1),
            CompletedAt = T0.AddSeconds(9),
        };
        await Storage.ImportJobs.UpdateAsync(done, Ct);

        var stored = await Storage.ImportJobs.GetAsync("j1", Ct);
        Assert.NotNull(stored);
        Assert.Equal(done with { SkippedByReason = stored.SkippedByReason }, stored);
        Assert.Equal(done.SkippedByReason, stored.SkippedByReason);
        Assert.Null(await Storage.ImportJobs.FindActiveAsync("u1", Ct));
        Assert.True(await Storage.ImportJobs.TryCreateAsync(Job("j4", "u1"), Ct));
        Assert.Equal("j4", (await Storage.ImportJobs.FindActiveAsync("u1", Ct))?.Id);
    }

    [Fact]
    public async Task Updating_an_import_job_that_was_never_created_fails_and_stores_nothing()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() => Storage.ImportJobs.UpdateAsync(Job("ghost", "u1"), Ct));

        Assert.Null(await Storage.ImportJobs.GetAsync("ghost", Ct));
    }

    [Fact]
    public async Task A_stale_job_is_failed_only_while_it_still_has_the_lease_it_was_seen_with()
    {
        var leased = Job("j1", "u1") with { Status = ImportJobStatus.Processing, Owner = "host:42:1000", LeaseExpiresAt = T0.AddMinutes(2) };
        await Storage.ImportJobs.TryCreateAsync(leased, Ct);
        await Storage.ImportJobs.TryCreateAsync(Job("j2", "u2"), Ct);
        await Storage.ImportJobs.TryCreateAsync(Job("j3", "u3") with { Status = ImportJobStatus.Completed }, Ct);
        var seen = await Storage.ImportJobs.GetAsync("j1", Ct);
        Assert.Equal(leased, seen! with { SkippedByReason = leased.SkippedByReason });
        Assert.Equal(["j1", "j2"], (await Storage.ImportJobs.ListActiveAsync(Ct)).Select(j => j.Id).Order());

        await Storage.ImportJobs.RenewLeaseAsync("j1", T0.AddMinutes(5), Ct);
        var refused = await Storage.ImportJobs.TryFailStaleAsync(seen, "Interrupted", T0.AddMinutes(3), Ct);
        var renewed = await Storage.ImportJobs.GetAsync("j1", Ct);
        var failed = await Storage.ImportJobs.TryFailStaleAsync(renewed!, "Interrupted", T0.AddMinutes(6), Ct);
        var failedUnleased = await Storage.ImportJobs.TryFailStaleAsync((await Storage.ImportJobs.GetAsync("j2", Ct))!, "Interrupted", T0.AddMinutes(6), Ct);

        Assert.False(refused);
        Assert.True(failed);
        Assert.True(failedUnleased);
        var job = await Storage.ImportJobs.GetAsync("j1", Ct);
        Assert.Equal(ImportJobStatus.Failed, job?.Status);
        Assert.Equal("Interrupted", job?.Error);
        Assert.Equal(T0.AddMinutes(6), job?.CompletedAt);
        Assert.Empty(await Storage.ImportJobs.ListActiveAsync(Ct));
    }

    [Fact]
    public async Task Import_jobs_follow_their_user_when_reassigned_and_are_deleted_with_them()
    {
        await Storage.ImportJobs.TryCreateAsync(Job("j1", "telegram:1") with { Status = ImportJobStatus.Completed }, Ct);

        await Storage.ImportJobs.ReassignAsync("telegram:1", "alice", Ct);

        Assert.Equal(["j1"], (await Storage.ImportJobs.ListForUserAsync("alice", Ct)).Select(j => j.Id));
        Assert.Empty(await Storage.ImportJobs.ListForUserAsync("telegram:1", Ct));
        Assert.Equal(1, await Storage.ImportJobs.DeleteUserAsync("alice", Ct));
        Assert.Null(await Storage.ImportJobs.GetAsync("j1", Ct));
    }

    private static ImportJob Job(string id, string userId) => new()
    {
        Id = id,
        UserId = userId,
        FileName = "my_spotify_data.zip",
        CreatedAt = T0,
    };

    private async Task<InsertResult> InsertInBatchesAsync(List<Play> plays)
    {
        var total = InsertResult.Empty;
        foreach (var batch in plays.Chunk(1000))
        {
            total = total.Add(await Storage.Plays.InsertAsync(batch, Ct));
        }

        return total;
    }
}
