using SpotifyLocal.Core.Stats;
using SpotifyLocal.Core.Storage;

namespace SpotifyLocal.Tests.Storage;

/// <summary>
/// Property test of the day rollups (<see cref="PlayDayRollups"/>) on each backend: random plays (several spellings,
/// repeated timestamps, plays on and around UTC and local midnights), random local-day ranges, rolling periods and
/// "now" ends in zones with DST and non-whole-hour offsets; after inserts with repeats, deletes and a move, every top
/// list equals the raw group-by of the plays in the range, ties included.
/// </summary>
public abstract class PeriodRollupPropertyTests
{
    private static readonly DateTimeOffset T0 = new(2025, 2, 20, 0, 0, 0, TimeSpan.Zero);
    private static readonly TopKind[] Kinds = [TopKind.Tracks, TopKind.Artists, TopKind.Albums];
    private static readonly string[] Zones =
        ["UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata", "Australia/Adelaide", "Asia/Kathmandu", "America/St_Johns", "Pacific/Chatham"];

    private int _withWholeMonths;

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The store under test and its raw group-by (the reference every answer must equal).</summary>
    protected abstract Task<(IPlayStore Store, Func<PlayScope, TopKind, int, Task<IReadOnlyList<TopItem>>> Raw, Func<ValueTask> Dispose)> CreateAsync();

    /// <summary>The backend's day-rollup answer alone, or null when the range holds no whole UTC day.</summary>
    protected abstract Task<IReadOnlyList<TopItem>?> DayRollupsAsync(IPlayStore store, PlayScope scope, TopKind kind, int limit);

    /// <summary>
    /// False on MongoDB: deleting some plays of a user drops the user's rollups (they can only grow in place there),
    /// and top lists group its plays until the next start rebuilds them.
    /// </summary>
    protected virtual bool KeepsDayRowsThroughDeletes => true;

    /// <summary>Every stored slot row of the users (compared with <see cref="PlaySlotRollups.Fold"/>), or null on a backend without them.</summary>
    protected virtual Task<IReadOnlyList<(string UserId, ListeningBucket Bucket)>?> SlotRowsAsync(IPlayStore store, IReadOnlyList<string> userIds) =>
        Task.FromResult<IReadOnlyList<(string UserId, ListeningBucket Bucket)>?>(null);

    /// <summary>Every stored day row of the users (compared with <see cref="PlayDayRollups.Fold"/> over the stored plays).</summary>
    protected abstract Task<IReadOnlyList<PlayDayRollup>> DayRowsAsync(IPlayStore store, IReadOnlyList<string> userIds);

    /// <summary>
    /// Every stored month row of the users (compared with <see cref="PlayDayRollups.FoldMonths"/>), or null on a backend
    /// that answers whole months from its day rows.
    /// </summary>
    protected virtual Task<IReadOnlyList<PlayDayRollup>?> MonthRowsAsync(IPlayStore store, IReadOnlyList<string> userIds) =>
        Task.FromResult<IReadOnlyList<PlayDayRollup>?>(null);

    /// <summary>Every stored year row of the users (compared with <see cref="PlayDayRollups.FoldYears"/>), or null on a backend without them.</summary>
    protected virtual Task<IReadOnlyList<PlayDayRollup>?> YearRowsAsync(IPlayStore store, IReadOnlyList<string> userIds) =>
        Task.FromResult<IReadOnlyList<PlayDayRollup>?>(null);

    [Fact]
    public async Task Any_range_in_any_zone_from_the_day_rollups_equals_the_raw_group_by()
    {
        var (store, raw, dispose) = await CreateAsync();
        try
        {
            var random = new Random(17);
            var plays = RandomPlays(random, ["u1", "u2"], 1_200);
            foreach (var batch in plays.Chunk(300))
            {
                await store.InsertAsync([.. batch, .. batch.Take(20)], Ct);
            }

            // Fresh writes keep the day rows on both backends, so the day rows answer here; after the delete, MongoDB
            // drops u1's rollups and groups its plays (a different path, the same answer).
            Assert.True(await AssertRangesAsync(store, raw, random, ["u1"], ["u1", "u2"]) > 0);

            var gone = plays.Where(p => p.UserId == "u1").Where((_, i) => i % 7 == 0).ToList();
            Assert.True(await store.DeletePlaysAsync("u1", gone, Ct) > 0);
            await AssertRangesAsync(store, raw, random, ["u1"]);

            await store.InsertAsync(RandomPlays(random, ["u3"], 300), Ct);
            await store.ReassignAsync("u3", "u2", Ct);
            await AssertRangesAsync(store, raw, random, ["u2"], ["u1", "u2", "u3"]);
            await AssertRowsAsync(store, KeepsDayRowsThroughDeletes ? ["u1", "u2", "u3"] : ["u2", "u3"]);
            // Some ranges held whole UTC months (read from the month rows where the backend keeps them).
            Assert.True(_withWholeMonths > 0);
        }
        finally
        {
            await dispose();
        }
    }

    private async Task AssertRowsAsync(IPlayStore store, IReadOnlyList<string> userIds)
    {
        var stored = new List<Play>();
        foreach (var user in userIds)
        {
            stored.AddRange(await store.GetRecentAsync(user, int.MaxValue, Ct));
        }

        static string Order(PlayDayRollup r) => $"{r.Day}|{r.Rollup.Id}";
        Assert.Equal(
            PlayDayRollups.Fold(stored).OrderBy(Order, StringComparer.Ordinal),
            (await DayRowsAsync(store, userIds)).OrderBy(Order, StringComparer.Ordinal));
        if (await SlotRowsAsync(store, userIds) is { } slots)
        {
            static string SlotOrder((string UserId, ListeningBucket Bucket) r) => $"{r.UserId}|{r.Bucket.StartUtc.ToUnixTimeMilliseconds()}";
            Assert.Equal(PlaySlotRollups.Fold(stored).OrderBy(SlotOrder, StringComparer.Ordinal), slots.OrderBy(SlotOrder, StringComparer.Ordinal));
        }

        if (await YearRowsAsync(store, userIds) is { } years)
        {
            Assert.Equal(PlayDayRollups.FoldYears(stored).OrderBy(Order, StringComparer.Ordinal), years.OrderBy(Order, StringComparer.Ordinal));
        }

        if (await MonthRowsAsync(store, userIds) is { } months)
        {
            Assert.Equal(PlayDayRollups.FoldMonths(stored).OrderBy(Order, StringComparer.Ordinal), months.OrderBy(Order, StringComparer.Ordinal));
        }
    }

    /// <summary>Asserts random ranges and returns how many of them the day rows answered.</summary>
    private async Task<int> AssertRangesAsync(
        IPlayStore store, Func<PlayScope, TopKind, int, Task<IReadOnlyList<TopItem>>> raw, Random random, params IReadOnlyList<string>[] userSets)
    {
        var fromDays = 0;
        foreach (var users in userSets)
        {
            var stored = new List<Play>();
            foreach (var user in users)
            {
                stored.AddRange(await store.GetRecentAsync(user, int.MaxValue, Ct));
            }

            for (var trial = 0; trial < 12; trial++)
            {
                var scope = RandomScope(random, users);
                // The 15-minute buckets (slot rows plus edge plays on SQLite) and the totals (rollups on SQLite) equal
                // what the stored plays in the range give.
                var inRange = stored.Where(p => p.PlayedAt >= scope.From && p.PlayedAt < scope.To).Select(p => p with { UserId = "all" });
                Assert.Equal(
                    PlaySlotRollups.Fold(inRange).Select(r => r.Bucket).OrderBy(b => b.StartUtc),
                    await store.GetListeningBucketsAsync(scope, Ct));
                // The local hours (SQLite folds them in SQL, MongoDB with the interface's default) equal the stored plays'
                // slots put on the zone's clock with TimeZoneInfo itself.
                var hourZone = TimeZoneInfo.FindSystemTimeZoneById(Zones[trial % Zones.Length]);
                Assert.Equal(
                    stored.Where(p => p.PlayedAt >= scope.From && p.PlayedAt < scope.To)
                        .GroupBy(p =>
                        {
                            var start = PlaySlotRollups.SlotOf(p.PlayedAt) * ListeningBucket.SizeMs;
                            var local = start + (long)hourZone.GetUtcOffset(DateTimeOffset.FromUnixTimeMilliseconds(start)).TotalMilliseconds;
                            return (long)Math.Floor(local / (double)LocalHourBucket.HourMs);
                        })
                        .OrderBy(g => g.Key)
                        .Select(g => new LocalHourBucket(
                            g.Key, g.Count(), g.Sum(p => (long)p.MsPlayed), g.Count(p => p.Context?.Skipped is not null), g.Count(p => p.Context?.Skipped == true))),
                    await store.GetLocalHoursAsync(scope, hourZone, Ct));
                var counted = stored.Where(p => p.PlayedAt >= scope.From && p.PlayedAt < scope.To).ToList();
                Assert.Equal(
                    new ListeningTotals(
                        counted.Count,
                        counted.Sum(p => (long)p.MsPlayed),
                        counted.Select(p => p.TrackKey).Distinct().Count(),
                        counted.Select(p => p.ArtistKey).Distinct().Count(),
                        counted.Where(p => !string.IsNullOrEmpty(p.AlbumName)).Select(p => p.AlbumKey).Distinct().Count()),
                    await store.GetTotalsAsync(scope, Ct));
                _withWholeMonths += PlayDayRollups.Split(scope) is { HasMonths: true } ? 1 : 0;
                foreach (var kind in Kinds)
                {
                    foreach (var limit in new[] { 1_000, 3 })
                    {
                        var expected = await raw(scope, kind, limit);
                        Assert.Equal(expected, await store.GetTopAsync(scope, kind, limit, Ct));
                        if (await DayRollupsAsync(store, scope, kind, limit) is { } fromRollups)
                        {
                            fromDays++;
                            Assert.Equal(expected, fromRollups);
                        }
                    }
                }
            }
        }

        return fromDays;
    }

    /// <summary>A local-day range, a rolling period ending at a random "now", or an arbitrary instant range.</summary>
    private static PlayScope RandomScope(Random random, IReadOnlyList<string> users)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(Zones[random.Next(Zones.Length)]);
        var now = T0.AddMinutes(random.Next(0, 130 * 24 * 60)).AddMilliseconds(random.Next(0, 1000));
        var first = DateOnly.FromDateTime(T0.UtcDateTime).AddDays(random.Next(-3, 120));
        Period period = random.Next(4) switch
        {
            0 => Periods.Parse(((string[])["week", "month", "year", "2025-03", "2025-W14", "2025-04-06"])[random.Next(6)], zone, now),
            1 => Periods.LastDays(random.Next(1, 60), zone, now),
            2 => new Period("days", LocalTime.StartOfDay(first, zone), LocalTime.StartOfDay(first.AddDays(random.Next(1, 40)), zone), zone),
            _ => new Period("instants", now.AddHours(-random.Next(1, 24 * 30)), now, zone),
        };
        return new PlayScope(users, period.From, period.To);
    }

    /// <summary>
    /// Plays over ~4 months around the March/April DST changes: few songs in several spellings, few play lengths
    /// (so ties are common), a share placed exactly on UTC midnights, local midnights and one millisecond off.
    /// </summary>
    private static List<Play> RandomPlays(Random random, IReadOnlyList<string> userIds, int count)
    {
        string[] titles = ["Hello", "HELLO", "hello", "Jóga", "JOGA", "Сплин", "Alpha", "alpha", "Beta"];
        string[] artists = ["Adele", "ADELE", "Björk", "Bjork", "Band"];
        string?[] albums = ["25", "25 (Deluxe Edition)", "Homogenic", null, ""];
        int[] lengths = [30_000, 60_000, 90_000];
        var plays = new List<Play>(count);
        for (var i = 0; i < count; i++)
        {
            var day = T0.AddDays(random.Next(0, 120));
            var zone = TimeZoneInfo.FindSystemTimeZoneById(Zones[random.Next(Zones.Length)]);
            var playedAt = random.Next(4) switch
            {
                0 => day,
                1 => LocalTime.StartOfDay(DateOnly.FromDateTime(day.UtcDateTime), zone),
                _ => day.AddMinutes(random.Next(0, 24 * 60)),
            };
            playedAt = playedAt.AddMilliseconds(random.Next(-1, 2));
            plays.Add(Play.Create(
                userIds[random.Next(userIds.Count)],
                $"spotify:track:{random.Next(5)}",
                titles[random.Next(titles.Length)],
                null,
                artists[random.Next(artists.Length)],
                null,
                albums[random.Next(albums.Length)],
                playedAt,
                200_000,
                lengths[random.Next(lengths.Length)],
                PlaySource.Import) with
            {
                // Extended-history plays say whether they were skipped; the others (tracked, account data) do not.
                Context = random.Next(3) == 0 ? null : PlayContext.OrNull(random.Next(2) == 0, null, null, null, null, null),
            });
        }

        return plays;
    }
}
