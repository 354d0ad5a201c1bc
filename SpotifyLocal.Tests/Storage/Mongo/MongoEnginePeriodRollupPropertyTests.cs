using MongoDB.Driver;
using SpotifyLocal.Core.Storage;
using SpotifyLocal.Core.Storage.Mongo;
using SpotifyLocal.Tests.MongoEngine;
using TestPlays = SpotifyLocal.Tests.Builders.Plays;

namespace SpotifyLocal.Tests.Storage.Mongo;

/// <summary>
/// <see cref="PeriodRollupPropertyTests"/> on MongoDB executed by mingo (<c>play_day_rollups</c>, <c>play_month_rollups</c>),
/// the raw reference being the plays pipeline; and the day and month rows of users whose rollups predate them are built
/// by the start's backfill.
/// </summary>
[Collection(MongoEngineCollection.Name)]
public sealed class MongoEnginePeriodRollupPropertyTests(MongoEngineFixture fixture) : PeriodRollupPropertyTests, IClassFixture<MongoEngineFixture>
{
    protected override async Task<(IPlayStore Store, Func<PlayScope, TopKind, int, Task<IReadOnlyList<TopItem>>> Raw, Func<ValueTask> Dispose)> CreateAsync()
    {
        var store = MongoEngineFixture.PlayStore(await fixture.FreshDatabaseAsync());
        return (store, (scope, kind, limit) => store.GetTopRawAsync(scope, kind, limit, Ct), () => ValueTask.CompletedTask);
    }

    protected override bool KeepsDayRowsThroughDeletes => false;

    protected override Task<IReadOnlyList<TopItem>?> DayRollupsAsync(IPlayStore store, PlayScope scope, TopKind kind, int limit) =>
        ((MongoPlayStore)store).TryGetTopFromDayRollupsAsync(scope, kind, limit, Ct);

    protected override Task<IReadOnlyList<PlayDayRollup>> DayRowsAsync(IPlayStore store, IReadOnlyList<string> userIds) =>
        ((MongoPlayStore)store).Rollups.ListDaysAsync(userIds, Ct);

    protected override async Task<IReadOnlyList<PlayDayRollup>?> MonthRowsAsync(IPlayStore store, IReadOnlyList<string> userIds) =>
        await ((MongoPlayStore)store).Rollups.ListMonthsAsync(userIds, Ct);

    private static string Order(PlayDayRollup row) => $"{row.Day}|{row.Rollup.Id}";

    [Fact]
    public async Task Users_whose_rollups_predate_the_day_rows_get_them_built_at_start_and_answer_from_them()
    {
        var engine = await fixture.FreshDatabaseAsync();
        var store = MongoEngineFixture.PlayStore(engine);
        var plays = TestPlays.For("u1").Starting(new DateTimeOffset(2025, 3, 1, 0, 0, 0, TimeSpan.Zero)).Every(TimeSpan.FromMinutes(37)).Count(400).Build();
        await store.InsertAsync(plays, Ct);
        // What a database written before the day rollups holds: built all-time rows, no day or month rows, a state without either.
        await engine.DeleteManyAsync(MongoEngineFixture.Collections.PlayDayRollups, Builders<PlayDayRollupDocument>.Filter.Empty, Ct);
        await ForgetMonthRowsAsync(engine, Builders<PlayRollupStateDocument>.Update.Set(s => s.Days, false).Set(s => s.Months, false));
        var scope = PlayScope.ForUser("u1", new DateTimeOffset(2025, 3, 2, 18, 30, 0, TimeSpan.Zero), new DateTimeOffset(2025, 3, 6, 18, 30, 0, TimeSpan.Zero));
        Assert.Null(await store.TryGetTopFromDayRollupsAsync(scope, TopKind.Tracks, 50, Ct));

        await MongoEngineFixture.Initializer(engine).InitializeAsync(Ct);

        var stored = await store.GetRecentAsync("u1", int.MaxValue, Ct);
        Assert.Equal(PlayDayRollups.Fold(stored).OrderBy(Order, StringComparer.Ordinal), (await store.Rollups.ListDaysAsync(["u1"], Ct)).OrderBy(Order, StringComparer.Ordinal));
        Assert.Equal(PlayDayRollups.FoldMonths(stored).OrderBy(Order, StringComparer.Ordinal), (await store.Rollups.ListMonthsAsync(["u1"], Ct)).OrderBy(Order, StringComparer.Ordinal));
        Assert.Equal(await store.GetTopRawAsync(scope, TopKind.Tracks, 50, Ct), await store.TryGetTopFromDayRollupsAsync(scope, TopKind.Tracks, 50, Ct));
    }

    [Fact]
    public async Task Users_whose_day_rows_predate_the_month_rows_get_them_built_at_start_and_answer_from_them()
    {
        var engine = await fixture.FreshDatabaseAsync();
        var store = MongoEngineFixture.PlayStore(engine);
        // About four months from 1 March 2025 at 19:00 UTC, over more tracks than plays a month, in two batches.
        var plays = TestPlays.For("u1").Starting(new DateTimeOffset(2025, 3, 1, 19, 0, 0, TimeSpan.Zero)).Every(TimeSpan.FromMinutes(301)).Count(560).Tracks(60, 9).Build();
        foreach (var batch in plays.Chunk(300))
        {
            await store.InsertAsync(batch, Ct);
        }

        // What a database written before the month rollups holds: all-time and day rows, no month rows, a state without Months.
        await ForgetMonthRowsAsync(engine, Builders<PlayRollupStateDocument>.Update.Set(s => s.Months, false));
        // Whole UTC months (April, May) with day rows and edge plays on both sides, in Kolkata's and in New York's midnights.
        PlayScope[] scopes =
        [
            PlayScope.ForUser("u1", new DateTimeOffset(2025, 3, 17, 18, 30, 0, TimeSpan.Zero), new DateTimeOffset(2025, 6, 9, 18, 30, 0, TimeSpan.Zero)),
            PlayScope.ForUser("u1", new DateTimeOffset(2025, 4, 1, 4, 0, 0, TimeSpan.Zero), new DateTimeOffset(2025, 7, 1, 4, 0, 0, TimeSpan.Zero)),
        ];
        Assert.All(scopes, scope => Assert.True(PlayDayRollups.Split(scope)!.HasMonths));
        // Meanwhile the day rows answer every whole day, the same top lists.
        await AssertTopListsAreTheRawOnesAsync(store, scopes);

        await MongoEngineFixture.Initializer(engine).InitializeAsync(Ct);

        var months = await store.Rollups.ListMonthsAsync(["u1"], Ct);
        Assert.Equal(
            PlayDayRollups.FoldMonths(await store.GetRecentAsync("u1", int.MaxValue, Ct)).OrderBy(Order, StringComparer.Ordinal),
            months.OrderBy(Order, StringComparer.Ordinal));
        Assert.Equal(4, months.Select(m => m.Day).Distinct().Count()); // March to June
        await AssertTopListsAreTheRawOnesAsync(store, scopes);
        // Later writes keep the built month rows exact.
        await store.InsertAsync([TestPlays.One("u1", "Late Track", "Late Band", "Late Album", new DateTimeOffset(2025, 5, 20, 12, 0, 0, TimeSpan.Zero))], Ct);
        Assert.Equal(
            PlayDayRollups.FoldMonths(await store.GetRecentAsync("u1", int.MaxValue, Ct)).OrderBy(Order, StringComparer.Ordinal),
            (await store.Rollups.ListMonthsAsync(["u1"], Ct)).OrderBy(Order, StringComparer.Ordinal));
        await AssertTopListsAreTheRawOnesAsync(store, scopes);
    }

    /// <summary>Drops every month row and changes u1's rollup state, as a database written by an older version holds them.</summary>
    private static async Task ForgetMonthRowsAsync(MingoEngine engine, UpdateDefinition<PlayRollupStateDocument> state)
    {
        await engine.DeleteManyAsync(MongoEngineFixture.Collections.PlayMonthRollups, Builders<PlayDayRollupDocument>.Filter.Empty, Ct);
        await engine.UpdateAsync(
            MongoEngineFixture.Collections.PlayRollupStates,
            [new UpdateOneModel<PlayRollupStateDocument>(Builders<PlayRollupStateDocument>.Filter.Eq(s => s.Id, "u1"), state)],
            Ct);
    }

    private static async Task AssertTopListsAreTheRawOnesAsync(MongoPlayStore store, IReadOnlyList<PlayScope> scopes)
    {
        foreach (var scope in scopes)
        {
            foreach (var kind in (TopKind[])[TopKind.Tracks, TopKind.Artists, TopKind.Albums])
            {
                Assert.Equal(await store.GetTopRawAsync(scope, kind, 1_000, Ct), await store.TryGetTopFromDayRollupsAsync(scope, kind, 1_000, Ct));
                Assert.Equal(await store.GetTopRawAsync(scope, kind, 5, Ct), await store.GetTopAsync(scope, kind, 5, Ct));
            }
        }
    }
}
