using MongoDB.Driver;
using SpotifyLocal.Core.Storage;
using SpotifyLocal.Core.Storage.Mongo;
using SpotifyLocal.Tests.MongoEngine;
using TestPlays = SpotifyLocal.Tests.Builders.Plays;

namespace SpotifyLocal.Tests.Storage.Mongo;

/// <summary>
/// <see cref="PeriodRollupPropertyTests"/> on MongoDB executed by mingo (<c>play_day_rollups</c>), the raw reference
/// being the plays pipeline; and the day rows of users whose rollups predate them are built by the start's backfill.
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

    [Fact]
    public async Task Users_whose_rollups_predate_the_day_rows_get_them_built_at_start_and_answer_from_them()
    {
        var engine = await fixture.FreshDatabaseAsync();
        var store = MongoEngineFixture.PlayStore(engine);
        var plays = TestPlays.For("u1").Starting(new DateTimeOffset(2025, 3, 1, 0, 0, 0, TimeSpan.Zero)).Every(TimeSpan.FromMinutes(37)).Count(400).Build();
        await store.InsertAsync(plays, Ct);
        // What a database written before the day rollups holds: built all-time rows, no day rows, a state without Days.
        await engine.DeleteManyAsync(MongoEngineFixture.Collections.PlayDayRollups, Builders<PlayDayRollupDocument>.Filter.Empty, Ct);
        await engine.UpdateAsync(
            MongoEngineFixture.Collections.PlayRollupStates,
            [new UpdateOneModel<PlayRollupStateDocument>(
                Builders<PlayRollupStateDocument>.Filter.Eq(s => s.Id, "u1"), Builders<PlayRollupStateDocument>.Update.Set(s => s.Days, false))],
            Ct);
        var scope = PlayScope.ForUser("u1", new DateTimeOffset(2025, 3, 2, 18, 30, 0, TimeSpan.Zero), new DateTimeOffset(2025, 3, 6, 18, 30, 0, TimeSpan.Zero));
        Assert.Null(await store.TryGetTopFromDayRollupsAsync(scope, TopKind.Tracks, 50, Ct));

        await MongoEngineFixture.Initializer(engine).InitializeAsync(Ct);

        static string Order(PlayDayRollup r) => $"{r.Day}|{r.Rollup.Id}";
        Assert.Equal(
            PlayDayRollups.Fold(await store.GetRecentAsync("u1", int.MaxValue, Ct)).OrderBy(Order, StringComparer.Ordinal),
            (await store.Rollups.ListDaysAsync(["u1"], Ct)).OrderBy(Order, StringComparer.Ordinal));
        Assert.Equal(await store.GetTopRawAsync(scope, TopKind.Tracks, 50, Ct), await store.TryGetTopFromDayRollupsAsync(scope, TopKind.Tracks, 50, Ct));
    }
}
