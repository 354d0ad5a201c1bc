using SpotifyLocal.Core.Storage;
using SpotifyLocal.Core.Storage.Mongo;
using SpotifyLocal.Tests.Builders;
using SpotifyLocal.Tests.MongoEngine;

namespace SpotifyLocal.Tests.Storage.Mongo;

/// <summary>
/// The differential check: every read of the Mongo play store (its real methods, so every pipeline it builds, rendered
/// by the driver) runs on mingo over the SQLite store's plays exported as Mongo documents, and must answer exactly what
/// the SQLite store answers, mapped through the same row types. Covers top lists per kind and limit (from the rollups
/// and from the plays), totals, 15-minute buckets, stamps, counts, recent and latest plays, pages from a cursor, and multi-user scopes
/// (server leaderboards and the weekly summaries query through those). mingo orders strings by UTF-16 code unit and
/// MongoDB by UTF-8 byte; <see cref="EdgeCasePlays"/> decides no tie where the two differ.
/// </summary>
[Collection(MongoEngineCollection.Name)]
public sealed class MongoEngineDifferentialTests(SeededEngineFixture fixture) : IClassFixture<SeededEngineFixture>
{
    private static readonly TopKind[] Kinds = [TopKind.Tracks, TopKind.Artists, TopKind.Albums];
    private static readonly int[] Limits = [1, 2, 5, 500];
    private static readonly TimeSpan Ms = TimeSpan.FromMilliseconds(1);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> Scopes => [.. ScopeByName.Keys];

    public static TheoryData<string> Users => [.. SeededEngineFixture.Users, "nobody"];

    private static Dictionary<string, PlayScope> ScopeByName { get; } = new()
    {
        ["u1 all time"] = PlayScope.AllTime("u1"),
        ["u2 all time (a play before the beginning)"] = PlayScope.AllTime("u2"),
        ["u3 all time"] = PlayScope.AllTime("u3"),
        ["nobody all time"] = PlayScope.AllTime("nobody"),
        ["u1 week, plays on both edges"] = PlayScope.ForUser("u1", EdgeCasePlays.WeekStart, EdgeCasePlays.WeekEnd),
        ["u1 week shifted by a millisecond"] = PlayScope.ForUser("u1", EdgeCasePlays.WeekStart + Ms, EdgeCasePlays.WeekEnd + Ms),
        ["u1 one 15-minute slot"] = PlayScope.ForUser("u1", EdgeCasePlays.WeekStart.AddDays(1), EdgeCasePlays.WeekStart.AddDays(1).AddMinutes(15)),
        ["u1 wider than its plays"] = PlayScope.ForUser("u1", PlayScope.Beginning, PlayScope.End.AddYears(1)),
        ["leaderboard week"] = new(SeededEngineFixture.Users, EdgeCasePlays.WeekStart, EdgeCasePlays.WeekEnd),
        ["leaderboard all time"] = new([.. SeededEngineFixture.Users.Where(u => u != "u2"), "nobody"], PlayScope.Beginning, PlayScope.End),
        ["leaderboard all time with u2"] = new(SeededEngineFixture.Users, PlayScope.Beginning, PlayScope.End),
        ["leaderboard u1 and u2 a month"] = new(["u1", "u2", "u1"], EdgeCasePlays.WeekStart.AddDays(-20), EdgeCasePlays.WeekStart.AddDays(10)),
    };

    [Theory]
    [MemberData(nameof(Scopes))]
    public async Task Top_lists_of_every_kind_and_limit_match_sqlite(string scopeName)
    {
        var scope = ScopeByName[scopeName];
        var mongo = MongoEngineFixture.PlayStore(await fixture.EngineAsync());

        foreach (var kind in Kinds)
        {
            foreach (var limit in Limits)
            {
                var expected = await fixture.Sqlite.Plays.GetTopAsync(scope, kind, limit, Ct);
                Assert.Equal(expected, await mongo.GetTopAsync(scope, kind, limit, Ct));
                Assert.Equal(expected, await mongo.GetTopRawAsync(scope, kind, limit, Ct));
            }
        }
    }

    [Theory]
    [MemberData(nameof(Scopes))]
    public async Task Totals_buckets_stamps_and_counts_match_sqlite(string scopeName)
    {
        var scope = ScopeByName[scopeName];
        var sqlite = fixture.Sqlite.Plays;
        var mongo = MongoEngineFixture.PlayStore(await fixture.EngineAsync());

        Assert.Equal(await sqlite.GetTotalsAsync(scope, Ct), await mongo.GetTotalsAsync(scope, Ct));
        Assert.Equal(await sqlite.GetListeningBucketsAsync(scope, Ct), await mongo.GetListeningBucketsAsync(scope, Ct));
        Assert.Equal(await sqlite.GetStampsAsync(scope, Ct), await mongo.GetStampsAsync(scope, Ct));
        Assert.Equal(await sqlite.CountAsync(scope, Ct), await mongo.CountAsync(scope, Ct));
    }

    [Theory]
    [MemberData(nameof(Scopes))]
    public async Task Discoveries_and_artist_days_match_sqlite(string scopeName)
    {
        var scope = ScopeByName[scopeName];
        var sqlite = fixture.Sqlite.Plays;
        var mongo = MongoEngineFixture.PlayStore(await fixture.EngineAsync());

        foreach (var kind in Kinds)
        {
            foreach (var limit in Limits)
            {
                var expected = await sqlite.GetDiscoveriesAsync(scope, kind, limit, Ct);
                Assert.Equal(expected.Total, (await mongo.GetDiscoveriesAsync(scope, kind, limit, Ct)).Total);
                Assert.Equal(expected.Items, (await mongo.GetDiscoveriesAsync(scope, kind, limit, Ct)).Items);
                Assert.Equal(expected.Items, (await mongo.GetDiscoveriesRawAsync(scope, kind, limit, Ct)).Items);
                Assert.Equal(expected.Total, (await mongo.GetDiscoveriesRawAsync(scope, kind, limit, Ct)).Total);
            }
        }

        var artists = (await sqlite.GetTopAsync(scope, TopKind.Artists, 500, Ct)).Select(a => a.Key).ToList();
        foreach (var zone in (string[])["UTC", "Europe/Berlin", "Asia/Kathmandu", "America/St_Johns"])
        {
            var offsets = LocalDayOffsets.For(TimeZoneInfo.FindSystemTimeZoneById(zone), EdgeCasePlays.WeekStart.AddYears(-1), EdgeCasePlays.WeekEnd.AddYears(1));
            Assert.Equal(await sqlite.GetArtistDaysAsync(scope, artists, offsets, Ct), await mongo.GetArtistDaysAsync(scope, artists, offsets, Ct));
        }
    }

    [Theory]
    [MemberData(nameof(Scopes))]
    public async Task Skip_counts_match_sqlite(string scopeName)
    {
        var scope = ScopeByName[scopeName];
        var mongo = MongoEngineFixture.PlayStore(await fixture.EngineAsync());

        foreach (var kind in Kinds)
        {
            foreach (var minSkipped in (int[])[0, 1, 3])
            {
                var expected = await fixture.Sqlite.Plays.GetSkipCountsAsync(scope, kind, minSkipped, Ct);
                Assert.Equal(expected, await mongo.GetSkipCountsAsync(scope, kind, minSkipped, Ct));
                if (minSkipped == 0 && scope.UserIds.Contains("u3"))
                {
                    // The random users' export plays mix skipped, finished and unknown, so the comparison has something to compare.
                    Assert.Contains(expected, c => c.Skipped > 0 && c.Skipped < c.Plays);
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Users))]
    public async Task Recent_and_latest_plays_match_sqlite(string userId)
    {
        var sqlite = fixture.Sqlite.Plays;
        var mongo = MongoEngineFixture.PlayStore(await fixture.EngineAsync());

        foreach (var limit in (int[])[1, 7, 10_000])
        {
            Assert.Equal(await sqlite.GetRecentAsync(userId, limit, Ct), await mongo.GetRecentAsync(userId, limit, Ct));
        }

        Assert.Equal(await sqlite.GetLatestTrackedAtAsync(userId, Ct), await mongo.GetLatestTrackedAtAsync(userId, Ct));
    }

    [Theory]
    [MemberData(nameof(Users))]
    public async Task Pages_read_from_a_cursor_match_sqlite(string userId)
    {
        var sqlite = fixture.Sqlite.Plays;
        var mongo = MongoEngineFixture.PlayStore(await fixture.EngineAsync());

        PlayCursor? after = null;
        while (true)
        {
            var expected = await sqlite.GetPageAsync(userId, after, 5, Ct);
            Assert.Equal(expected, await mongo.GetPageAsync(userId, after, 5, Ct));
            if (expected.Count == 0)
            {
                break;
            }

            after = PlayCursor.After(expected[^1]);
        }
    }

    [Fact]
    public async Task The_seeded_data_reaches_every_edge_it_is_meant_to()
    {
        // Guards the seed itself: a change that lost an edge case would make the comparisons above weaker.
        var sqlite = fixture.Sqlite.Plays;
        var week = ScopeByName["u1 week, plays on both edges"];
        var stamps = await sqlite.GetStampsAsync(week, Ct);
        var albums = await sqlite.GetTopAsync(PlayScope.AllTime("u1"), TopKind.Albums, 500, Ct);
        var tracks = await sqlite.GetTopAsync(PlayScope.AllTime("u1"), TopKind.Tracks, 500, Ct);

        Assert.Contains(stamps, s => s.PlayedAt == EdgeCasePlays.WeekStart);
        Assert.Contains(stamps, s => s.PlayedAt == EdgeCasePlays.WeekEnd - Ms);
        Assert.DoesNotContain(stamps, s => s.PlayedAt == EdgeCasePlays.WeekEnd);
        Assert.DoesNotContain(albums, a => string.IsNullOrEmpty(a.Name));
        Assert.Equal(("Song X", 4), tracks.Where(t => t.Name.Equals("song x", StringComparison.OrdinalIgnoreCase)).Select(t => (t.Name, t.Plays)).Single());
        Assert.Equal(3, tracks.Count(t => t.Plays == 3));
        var rollups = MongoEngineFixture.PlayStore(await fixture.EngineAsync()).Rollups;
        Assert.True(await rollups.AnswerAsync(PlayScope.AllTime("u1"), Ct));
        Assert.True(await rollups.AnswerAsync(ScopeByName["leaderboard all time"], Ct));
        Assert.False(await rollups.AnswerAsync(PlayScope.AllTime("u2"), Ct));
    }

    [Fact]
    public async Task The_backfilled_rollups_hold_exactly_the_rule_over_the_plays()
    {
        var mongo = MongoEngineFixture.PlayStore(await fixture.EngineAsync());
        var plays = new List<Play>();
        foreach (var user in SeededEngineFixture.Users)
        {
            plays.AddRange(await fixture.Sqlite.Plays.GetRecentAsync(user, int.MaxValue, Ct));
        }

        var expected = PlayRollups.Fold(plays).OrderBy(r => r.Id.ToString(), StringComparer.Ordinal);
        var actual = (await mongo.Rollups.ListAsync(SeededEngineFixture.Users, Ct)).OrderBy(r => r.Id.ToString(), StringComparer.Ordinal);
        Assert.Equal(expected, actual);
    }
}
