using SpotifyLocal.Core.Storage;
using SpotifyLocal.Core.Storage.Sqlite;

namespace SpotifyLocal.Tests.Storage;

/// <summary><see cref="PeriodRollupPropertyTests"/> on SQLite (<c>play_day_rollups</c>), including a database upgraded to them.</summary>
public sealed class SqlitePeriodRollupPropertyTests : PeriodRollupPropertyTests
{
    protected override Task<(IPlayStore Store, Func<PlayScope, TopKind, int, Task<IReadOnlyList<TopItem>>> Raw, Func<ValueTask> Dispose)> CreateAsync()
    {
        var database = new SqliteTestDatabase();
        var store = (SqlitePlayStore)database.Plays;
        return Task.FromResult<(IPlayStore, Func<PlayScope, TopKind, int, Task<IReadOnlyList<TopItem>>>, Func<ValueTask>)>(
            (store, (scope, kind, limit) => store.GetTopRawAsync(scope, kind, limit, Ct), database.DisposeAsync));
    }

    protected override Task<IReadOnlyList<TopItem>?> DayRollupsAsync(IPlayStore store, PlayScope scope, TopKind kind, int limit) =>
        ((SqlitePlayStore)store).TryGetTopFromDayRollupsAsync(scope, kind, limit, Ct);

    protected override async Task<IReadOnlyList<PlayDayRollup>> DayRowsAsync(IPlayStore store, IReadOnlyList<string> userIds) =>
        [.. (await ((SqlitePlayStore)store).ListDayRollupsAsync(Ct)).Where(r => userIds.Contains(r.Rollup.Id.UserId))];

    protected override async Task<IReadOnlyList<(string UserId, ListeningBucket Bucket)>?> SlotRowsAsync(IPlayStore store, IReadOnlyList<string> userIds) =>
        [.. (await ((SqlitePlayStore)store).ListSlotRollupsAsync(Ct)).Where(r => userIds.Contains(r.UserId))];

    protected override async Task<IReadOnlyList<PlayDayRollup>?> YearRowsAsync(IPlayStore store, IReadOnlyList<string> userIds) =>
        [.. (await ((SqlitePlayStore)store).ListYearRollupsAsync(Ct)).Where(r => userIds.Contains(r.Rollup.Id.UserId))];

    protected override async Task<IReadOnlyList<PlayDayRollup>?> MonthRowsAsync(IPlayStore store, IReadOnlyList<string> userIds) =>
        [.. (await ((SqlitePlayStore)store).ListMonthRollupsAsync(Ct)).Where(r => userIds.Contains(r.Rollup.Id.UserId))];
}
