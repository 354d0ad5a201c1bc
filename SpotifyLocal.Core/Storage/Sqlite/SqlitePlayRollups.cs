using Microsoft.Data.Sqlite;

namespace SpotifyLocal.Core.Storage.Sqlite;

/// <summary>
/// Keeps the all-time rollups (<c>play_rollups</c>, see <see cref="SqliteSchema"/> migration 2), the UTC day rollups
/// (<c>play_day_rollups</c>, migration 8, <see cref="PlayDayRollups"/>) and the UTC month rollups (<c>play_month_rollups</c>,
/// migration 11, <see cref="PlayDayRollups.MonthOf"/>), the UTC year rollups (<c>play_year_rollups</c>, migration 13) and the
/// 15-minute slot rows (<c>play_slot_rollups</c>, migration 12,
/// <see cref="PlaySlotRollups"/>) exact: every write that adds
/// plays takes a rowid mark first, then folds the rows above the mark into the rollups in the same transaction.
/// Plays are only ever removed a whole user at a time, so removal is deleting that user's rollups.
/// </summary>
/// <remarks>
/// Rows above the mark are exactly the rows the transaction inserted: no other writer can commit inside a
/// write transaction (SQLite has one writer, and a snapshot that went stale fails the write instead), and new
/// rowids are the current maximum plus one (SQLite only picks others once the maximum reaches 2^63-1).
/// Folding them in with set-based SQL costs a few statements per batch instead of several upserts per play. The new
/// rows are grouped (sorted) once per kind, by day, into a per-connection temp table; the day, month, year and all-time
/// rows are upserted from those day groups as they are (an upsert adds the groups of one month one after another), since
/// grouping the plays again for every level cost more than the upserts it saves.
/// </remarks>
internal static class SqlitePlayRollups
{
    /// <summary>The UTC day number of <c>played_at</c> (floor division, as <see cref="PlayDayRollups.DayOf"/>).</summary>
    internal const string DayOfPlayedAt = "((played_at - ((played_at % 86400000) + 86400000) % 86400000) / 86400000)";

    /// <summary>The UTC month of a <c>day</c> column (a day number) as the day number of its first day (as <see cref="PlayDayRollups.MonthStartOf"/>).</summary>
    private const string MonthOfDay = "(CAST(strftime('%s', day * 86400, 'unixepoch', 'start of month') AS INTEGER) / 86400)";

    /// <summary>The UTC year of a <c>day</c> column (a day number) as the day number of its 1 January (as <see cref="PlayDayRollups.YearStartOf"/>).</summary>
    private const string YearOfDay = "(CAST(strftime('%s', day * 86400, 'unixepoch', 'start of year') AS INTEGER) / 86400)";

    /// <summary>The all-time rows: one per user, kind, key and spelling.</summary>
    internal static readonly SqliteRollupLevel AllTime = new("play_rollups", null, null, null);

    /// <summary>The UTC day rows: also keyed by the day number.</summary>
    internal static readonly SqliteRollupLevel Days = new("play_day_rollups", "day", "day", PlayDayRollups.DayOf);

    /// <summary>The UTC month rows: also keyed by the day number of the month's first day.</summary>
    internal static readonly SqliteRollupLevel Months = new("play_month_rollups", "month", MonthOfDay, PlayDayRollups.MonthOf);

    /// <summary>The UTC year rows: also keyed by the day number of the year's 1 January.</summary>
    internal static readonly SqliteRollupLevel Years = new("play_year_rollups", "year", YearOfDay, PlayDayRollups.YearOf);

    /// <summary>The 15-minute UTC slot of <c>played_at</c> (floor division, as <see cref="PlaySlotRollups.SlotOf"/>).</summary>
    internal const string SlotOfPlayedAt = "((played_at - ((played_at % 900000) + 900000) % 900000) / 900000)";

    /// <summary>
    /// Groups the plays above the mark once per kind into day groups (<c>temp.play_fold</c>, per connection, emptied at
    /// the end and rolled back with a failed write), upserts those into every level, then folds the slots.
    /// </summary>
    private static readonly string FoldSql = $"""
        CREATE TEMP TABLE IF NOT EXISTS play_fold (
            user_id TEXT NOT NULL, kind INTEGER NOT NULL, day INTEGER NOT NULL, key TEXT NOT NULL, name TEXT NOT NULL, artist TEXT NOT NULL,
            plays INTEGER NOT NULL, ms INTEGER NOT NULL, first_at INTEGER NOT NULL, last_at INTEGER NOT NULL);
        INSERT INTO temp.play_fold
        SELECT user_id, 0, {DayOfPlayedAt}, track_key, track_name, artist_name, COUNT(*), SUM(ms_played), MIN(played_at), MAX(played_at)
        FROM plays NOT INDEXED WHERE rowid > @mark GROUP BY user_id, {DayOfPlayedAt}, track_key, track_name, artist_name;
        INSERT INTO temp.play_fold
        SELECT user_id, 1, {DayOfPlayedAt}, artist_key, artist_name, '', COUNT(*), SUM(ms_played), MIN(played_at), MAX(played_at)
        FROM plays NOT INDEXED WHERE rowid > @mark GROUP BY user_id, {DayOfPlayedAt}, artist_key, artist_name;
        INSERT INTO temp.play_fold
        SELECT user_id, 2, {DayOfPlayedAt}, album_key, album_name, artist_name, COUNT(*), SUM(ms_played), MIN(played_at), MAX(played_at)
        FROM plays NOT INDEXED WHERE rowid > @mark AND album_name IS NOT NULL AND album_name <> ''
        GROUP BY user_id, {DayOfPlayedAt}, album_key, album_name, artist_name;
        {UpsertDayGroups(Days)}
        {UpsertDayGroups(Months)}
        {UpsertDayGroups(Years)}
        {UpsertDayGroups(AllTime)}
        {FoldSlots("rowid > @mark")}
        DELETE FROM temp.play_fold;
        """;

    /// <summary>The upsert that adds every day group of <c>temp.play_fold</c> to the rows of one <paramref name="level"/>.</summary>
    private static string UpsertDayGroups(SqliteRollupLevel level)
    {
        var bucketColumn = level.BucketColumn is { } column ? column + ", " : string.Empty;
        var bucketValue = level.BucketOfDay is { } bucket ? bucket + ", " : string.Empty;
        return $"""
            INSERT INTO {level.Table} (user_id, kind, {bucketColumn}key, name, artist, plays, ms, first_at, last_at)
            SELECT user_id, kind, {bucketValue}key, name, artist, plays, ms, first_at, last_at FROM temp.play_fold WHERE true
            ON CONFLICT (user_id, kind, {bucketColumn}key, name, artist) DO UPDATE SET
                plays = plays + excluded.plays, ms = ms + excluded.ms,
                first_at = MIN(first_at, excluded.first_at), last_at = MAX(last_at, excluded.last_at);
            """;
    }

    /// <summary>The upsert that adds the plays matching <paramref name="where"/> to their users' slot rows (<c>play_slot_rollups</c>).</summary>
    internal static string FoldSlots(string where) => $"""
        INSERT INTO play_slot_rollups (user_id, slot, plays, ms, skip_known, skipped)
        SELECT user_id, {SlotOfPlayedAt}, COUNT(*), SUM(ms_played), COUNT(skipped), COALESCE(SUM(skipped), 0)
        FROM plays NOT INDEXED WHERE {where} GROUP BY user_id, {SlotOfPlayedAt}
        ON CONFLICT (user_id, slot) DO UPDATE SET
            plays = plays + excluded.plays, ms = ms + excluded.ms,
            skip_known = skip_known + excluded.skip_known, skipped = skipped + excluded.skipped;

        """;

    /// <summary>The highest plays rowid now; call inside the write transaction before inserting.</summary>
    public static async Task<long> MarkAsync(SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT COALESCE(MAX(rowid), 0) FROM plays";
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken));
    }

    /// <summary>Adds every play stored after <paramref name="mark"/> to its user's rollups.</summary>
    public static async Task FoldInsertedAsync(SqliteConnection connection, SqliteTransaction transaction, long mark, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = FoldSql;
        command.Parameters.AddWithValue("@mark", mark);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Drops a user's rollups; call in the transaction that removes all the user's plays.</summary>
    public static async Task DeleteUserAsync(SqliteConnection connection, SqliteTransaction transaction, string userId, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = string.Concat(new[] { AllTime.Table, Days.Table, Months.Table, Years.Table, "play_slot_rollups" }.Select(table => $"DELETE FROM {table} WHERE user_id = @user;"));
        command.Parameters.AddWithValue("@user", userId);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
