using Microsoft.Data.Sqlite;
using SQLitePCL;
using static SpotifyLocal.Core.Storage.Sqlite.SqliteValues;

namespace SpotifyLocal.Core.Storage.Sqlite;

/// <summary>SQLite implementation of <see cref="IPlayStore"/>.</summary>
public sealed class SqlitePlayStore(SqliteDatabase database) : IPlayStore
{
    private const string PlayColumns =
        "user_id, played_at, track_id, track_name, artist_id, artist_name, album_id, album_name, duration_ms, ms_played, source, track_key, artist_key, album_key, " +
        "skipped, reason_start, reason_end, shuffle, platform, offline";

    /// <summary>The insert of one play: duplicates of the unique key (user, time, track id) are skipped, not errors.</summary>
    private const string InsertSql = $"INSERT OR IGNORE INTO plays ({PlayColumns}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20)";

    /// <summary>
    /// The end of both top-list queries: given <c>ranked</c> (k, plays, ms, first_at, last_at) and <c>spellings</c>
    /// (k, n, a, c), picks the most-played spelling per key (ties: smallest name, then artist) and orders the list.
    /// </summary>
    private const string TopListTail = """
        best AS (
            SELECT k, n, a, ROW_NUMBER() OVER (PARTITION BY k ORDER BY c DESC, n ASC, a ASC) AS rn FROM spellings
        )
        SELECT ranked.k, best.n, best.a, ranked.plays, ranked.ms, ranked.first_at, ranked.last_at
        FROM ranked JOIN best ON best.k = ranked.k AND best.rn = 1
        ORDER BY ranked.plays DESC, ranked.ms DESC, ranked.k ASC
        """;

    /// <summary>
    /// A top list summed from <paramref name="rows"/> (k, n, a, plays, ms, first_at, last_at): the keys ranked by summed
    /// plays and time (then key by code point, as the raw group-by), and for the listed keys only,
    /// <paramref name="listedRows"/> (the same rows, limited to <c>k IN (SELECT k FROM ranked)</c>) summed per spelling
    /// for the most-played spelling (as <see cref="TopListTail"/>) and the first and last play.
    /// </summary>
    /// <remarks>
    /// The rows are written out twice instead of shared as one CTE: SQLite copies a CTE that is used twice into a
    /// temporary table, every row with its spellings, before grouping it. This way the ranking reads keys and numbers
    /// once, and the second pass looks up only the listed keys' rows.
    /// </remarks>
    private static string SummedTopListSql(string rows, string listedRows) => $"""
        WITH ranked AS (
            SELECT k, SUM(plays) AS plays, SUM(ms) AS ms FROM ({rows}) GROUP BY k
            ORDER BY plays DESC, ms DESC, k ASC
            LIMIT @limit
        ),
        spelled AS (
            SELECT k, n, a, SUM(plays) AS c, MIN(first_at) AS first_at, MAX(last_at) AS last_at FROM ({listedRows}) GROUP BY k, n, a
        ),
        span AS (
            SELECT k, MIN(first_at) AS first_at, MAX(last_at) AS last_at FROM spelled GROUP BY k
        ),
        best AS (
            SELECT k, n, a, ROW_NUMBER() OVER (PARTITION BY k ORDER BY c DESC, n ASC, a ASC) AS rn FROM spelled
        )
        SELECT ranked.k, best.n, best.a, ranked.plays, ranked.ms, span.first_at, span.last_at
        FROM ranked JOIN best ON best.k = ranked.k AND best.rn = 1 JOIN span ON span.k = ranked.k
        ORDER BY ranked.plays DESC, ranked.ms DESC, ranked.k ASC
        """;

    public Task<InsertResult> InsertAsync(IReadOnlyList<Play> plays, CancellationToken cancellationToken) =>
        InsertAsync(null, plays, cancellationToken);

    public Task<InsertResult> InsertMatchedAsync(string userId, IReadOnlyList<Play> plays, CancellationToken cancellationToken) =>
        InsertAsync(userId, plays, cancellationToken);

    /// <summary>
    /// One write transaction (BEGIN IMMEDIATE: it holds SQLite's write lock from the start, across processes), so
    /// the stamps read for matching cannot change before the plays are inserted.
    /// </summary>
    private async Task<InsertResult> InsertAsync(string? matchUserId, IReadOnlyList<Play> plays, CancellationToken cancellationToken)
    {
        if (plays.Count == 0)
        {
            return InsertResult.Empty;
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        var toInsert = plays;
        if (matchUserId is not null)
        {
            var scope = PlayScope.ForUser(
                matchUserId,
                plays.Min(p => p.PlayedAt) - CrossSourceMatcher.Window,
                plays.Max(p => p.PlayedAt) + CrossSourceMatcher.Window);
            toInsert = CrossSourceMatcher.Unmatched(plays, await ReadStampsAsync(connection, transaction, scope, cancellationToken));
        }

        var mark = await SqlitePlayRollups.MarkAsync(connection, transaction, cancellationToken);
        var inserted = InsertRows(connection, toInsert, cancellationToken);
        if (inserted > 0)
        {
            await SqlitePlayRollups.FoldInsertedAsync(connection, transaction, mark, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return new InsertResult(inserted, plays.Count - inserted);
    }

    /// <summary>
    /// Inserts the plays with one statement bound by position on the connection's SQLite handle, inside the caller's
    /// transaction, and returns how many were new. A <see cref="SqliteCommand"/> looks each of its 20 parameters up by
    /// name and allocates a binder for it on every execution, which cost about as much as SQLite's own insert work.
    /// </summary>
    private static int InsertRows(SqliteConnection connection, IReadOnlyList<Play> plays, CancellationToken cancellationToken)
    {
        var db = connection.Handle!;
        SqliteException.ThrowExceptionForRC(raw.sqlite3_prepare_v2(db, InsertSql, out var statement), db);
        using (statement)
        {
            var inserted = 0;
            foreach (var play in plays)
            {
                cancellationToken.ThrowIfCancellationRequested();
                raw.sqlite3_reset(statement);
                var context = play.Context;
                BindText(statement, 1, play.UserId);
                raw.sqlite3_bind_int64(statement, 2, ToMs(play.PlayedAt));
                BindText(statement, 3, play.TrackId);
                BindText(statement, 4, play.TrackName);
                BindText(statement, 5, play.ArtistId);
                BindText(statement, 6, play.ArtistName);
                BindText(statement, 7, play.AlbumId);
                BindText(statement, 8, play.AlbumName);
                raw.sqlite3_bind_int64(statement, 9, play.DurationMs);
                raw.sqlite3_bind_int64(statement, 10, play.MsPlayed);
                raw.sqlite3_bind_int64(statement, 11, (int)play.Source);
                BindText(statement, 12, play.TrackKey);
                BindText(statement, 13, play.ArtistKey);
                BindText(statement, 14, play.AlbumKey);
                BindFlag(statement, 15, context?.Skipped);
                BindText(statement, 16, context?.ReasonStart);
                BindText(statement, 17, context?.ReasonEnd);
                BindFlag(statement, 18, context?.Shuffle);
                BindText(statement, 19, context?.Platform);
                BindFlag(statement, 20, context?.Offline);
                var rc = raw.sqlite3_step(statement);
                if (rc != raw.SQLITE_DONE)
                {
                    SqliteException.ThrowExceptionForRC(rc, db);
                }

                inserted += raw.sqlite3_changes(db);
            }

            return inserted;
        }
    }

    private static void BindText(sqlite3_stmt statement, int index, string? value) =>
        _ = value is null ? raw.sqlite3_bind_null(statement, index) : raw.sqlite3_bind_text(statement, index, value);

    // Flags are stored as 0/1 and NULL when unknown, as SqliteValues.ToDb(bool?) writes them.
    private static void BindFlag(sqlite3_stmt statement, int index, bool? value) =>
        _ = value is { } flag ? raw.sqlite3_bind_int64(statement, index, flag ? 1 : 0) : raw.sqlite3_bind_null(statement, index);

    /// <summary>
    /// Reads the rollups when the range holds every play of the scope's users (all time, or any range around
    /// them), else groups the plays in the range; both give exactly the same list.
    /// </summary>
    public async Task<IReadOnlyList<TopItem>> GetTopAsync(PlayScope scope, TopKind kind, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        // One read snapshot, so no write lands between the coverage check and the rollup read.
        await using var transaction = connection.BeginTransaction(deferred: true);
        var bounds = await ReadBoundsAsync(connection, transaction, scope, cancellationToken);
        return await TryGetTopFromRollupsAsync(connection, transaction, scope, bounds, kind, limit, cancellationToken)
            ?? await TryGetTopFromDayRollupsAsync(connection, transaction, scope, bounds, kind, limit, cancellationToken)
            ?? await GetTopRawAsync(connection, transaction, scope, kind, limit, cancellationToken);
    }

    /// <summary>The top list from the period rollups and the edge plays, or null when the range holds no whole UTC day.</summary>
    internal async Task<IReadOnlyList<TopItem>?> TryGetTopFromDayRollupsAsync(PlayScope scope, TopKind kind, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction(deferred: true);
        var bounds = await ReadBoundsAsync(connection, transaction, scope, cancellationToken);
        return await TryGetTopFromDayRollupsAsync(connection, transaction, scope, bounds, kind, limit, cancellationToken);
    }

    /// <summary>The list counted key by key in order of bounds (<see cref="SqliteBoundedTopList"/>), or null when it leaves the range to the sum.</summary>
    internal async Task<IReadOnlyList<TopItem>?> TryGetTopBoundedAsync(PlayScope scope, TopKind kind, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction(deferred: true);
        var bounds = await ReadBoundsAsync(connection, transaction, scope, cancellationToken);
        return PlayDayRollups.Split(scope, bounds.Earliest, bounds.Latest) is { } split && SqliteBoundedTopList.Suits(split)
            ? await SqliteBoundedTopList.TryGetAsync(connection, transaction, scope.UserIds.Distinct(StringComparer.Ordinal).ToList(), split, bounds, kind, limit, cancellationToken)
            : null;
    }

    /// <summary>
    /// Sums the month and day rows of the whole UTC months and days in the range with the plays of its partial edges
    /// (<see cref="PlayDayRollups.Split"/>, widened past the users' first and last play), ranked like the raw group-by.
    /// A range of four weeks or more is first counted key by key in order of bounds (<see cref="SqliteBoundedTopList"/>),
    /// which leaves a sparse range to this sum.
    /// </summary>
    private static async Task<IReadOnlyList<TopItem>?> TryGetTopFromDayRollupsAsync(
        SqliteConnection connection, SqliteTransaction transaction, PlayScope scope, PlayBounds bounds, TopKind kind, int limit, CancellationToken cancellationToken)
    {
        if (PlayDayRollups.Split(scope, bounds.Earliest, bounds.Latest) is not { } split)
        {
            return null;
        }

        var sparse = false;
        if (SqliteBoundedTopList.Suits(split))
        {
            if (await SqliteBoundedTopList.TryGetAsync(
                    connection, transaction, scope.UserIds.Distinct(StringComparer.Ordinal).ToList(), split, bounds, kind, limit, cancellationToken) is { } bounded)
            {
                return bounded;
            }

            sparse = true;
        }

        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        var users = AddUserIds(command, scope.UserIds);
        command.Parameters.AddWithValue("@limit", limit);
        AddSplit(command, split);
        // A sparse range has few rows per bucket: reading them again costs less than a lookup per bucket and listed key.
        command.CommandText = SummedTopListSql(PeriodRowsSql(kind, users), PeriodRowsSql(kind, users, listedIn: split, lookUp: !sparse));
        return await ReadTopAsync(command, kind, cancellationToken);
    }

    /// <summary>Binds a split's bounds: <c>@first_day</c>, <c>@end_day</c>, <c>@from</c>, <c>@days_from</c>, <c>@days_to</c>, <c>@to</c>, <c>@months_from</c>, <c>@months_to</c>.</summary>
    internal static void AddSplit(SqliteCommand command, DaySplit split)
    {
        command.Parameters.AddWithValue("@first_day", split.FirstDay);
        command.Parameters.AddWithValue("@end_day", split.EndDay);
        command.Parameters.AddWithValue("@from", split.FromMs);
        command.Parameters.AddWithValue("@days_from", split.DaysFromMs);
        command.Parameters.AddWithValue("@days_to", split.DaysToMs);
        command.Parameters.AddWithValue("@to", split.ToMs);
        command.Parameters.AddWithValue("@months_from", split.MonthsFrom);
        command.Parameters.AddWithValue("@months_to", split.MonthsTo);
    }

    /// <summary>
    /// The rows (k, n, a, plays, ms, first_at, last_at) of one kind that together hold exactly the plays of a split range
    /// (<see cref="AddSplit"/>'s parameters): whole UTC months from the month rows, the other whole days from the day rows
    /// (without a whole month both month bounds are the end day, so the day rows cover every whole day), the partial edge
    /// days from the plays. Given <paramref name="listedIn"/> (the same split), only the rows of the keys in
    /// <c>ranked</c>; with <paramref name="lookUp"/>, the months and days are listed one by one so SQLite looks up each
    /// (bucket, key) pair on the primary key instead of reading the whole range again.
    /// </summary>
    private static string PeriodRowsSql(TopKind kind, string users, DaySplit? listedIn = null, bool lookUp = true)
    {
        var (keyColumn, nameColumn, artistColumn, extraFilter) = Columns(kind);
        // The artist kind's rollup rows hold '' as artist; the edge plays say the same so their spellings meet.
        var edgeArtist = kind == TopKind.Artists ? "''" : artistColumn;
        var kindValue = (int)kind;
        var listed = listedIn is null ? string.Empty : " AND key IN (SELECT k FROM ranked)";
        var listedEdge = listedIn is null ? string.Empty : $" AND {keyColumn} IN (SELECT k FROM ranked)";
        const string DayRows = "SELECT key AS k, name AS n, artist AS a, plays, ms, first_at, last_at FROM play_day_rollups";
        var months = "month >= @months_from AND month < @months_to";
        var dayRows = $"""
            {DayRows}
            WHERE user_id IN ({users}) AND kind = {kindValue} AND day >= @first_day AND day < @months_from{listed}
            UNION ALL
            {DayRows}
            WHERE user_id IN ({users}) AND kind = {kindValue} AND day >= @months_to AND day < @end_day{listed}
            """;
        if (listedIn is { } split && lookUp)
        {
            var (monthList, dayList) = SqliteBoundedTopList.Buckets(split);
            // SQLite reads an empty list as matching nothing.
            months = $"month IN ({Literals(monthList)})";
            dayRows = $"{DayRows}\nWHERE user_id IN ({users}) AND kind = {kindValue} AND day IN ({Literals(dayList)}){listed}";
        }

        return $"""
            SELECT key AS k, name AS n, artist AS a, plays, ms, first_at, last_at FROM play_month_rollups
            WHERE user_id IN ({users}) AND kind = {kindValue} AND {months}{listed}
            UNION ALL
            {dayRows}
            UNION ALL
            SELECT {keyColumn}, {nameColumn}, {edgeArtist}, 1, ms_played, played_at, played_at FROM plays
            WHERE user_id IN ({users}) AND played_at >= @from AND played_at < @days_from{extraFilter}{listedEdge}
            UNION ALL
            SELECT {keyColumn}, {nameColumn}, {edgeArtist}, 1, ms_played, played_at, played_at FROM plays
            WHERE user_id IN ({users}) AND played_at >= @days_to AND played_at < @to{extraFilter}{listedEdge}
            """;
    }

    /// <summary>Every day row (tests compare them with <see cref="PlayDayRollups.Fold"/> over the plays).</summary>
    internal Task<IReadOnlyList<PlayDayRollup>> ListDayRollupsAsync(CancellationToken cancellationToken) =>
        ListPeriodRollupsAsync(SqlitePlayRollups.Days, cancellationToken);

    /// <summary>Every month row (tests compare them with <see cref="PlayDayRollups.FoldMonths"/> over the plays).</summary>
    internal Task<IReadOnlyList<PlayDayRollup>> ListMonthRollupsAsync(CancellationToken cancellationToken) =>
        ListPeriodRollupsAsync(SqlitePlayRollups.Months, cancellationToken);

    /// <summary>Every year row (tests compare them with <see cref="PlayDayRollups.FoldYears"/> over the plays).</summary>
    internal Task<IReadOnlyList<PlayDayRollup>> ListYearRollupsAsync(CancellationToken cancellationToken) =>
        ListPeriodRollupsAsync(SqlitePlayRollups.Years, cancellationToken);

    private async Task<IReadOnlyList<PlayDayRollup>> ListPeriodRollupsAsync(SqliteRollupLevel level, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT user_id, kind, key, name, artist, plays, ms, first_at, last_at, {level.BucketColumn} FROM {level.Table}";
        var rows = new List<PlayDayRollup>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new PlayDayRollup(
                reader.GetInt64(9),
                new PlayRollup(
                    new PlayRollupKey(reader.GetString(0), (TopKind)reader.GetInt32(1), reader.GetString(2), reader.GetString(3), reader.GetString(4)),
                    reader.GetInt32(5),
                    reader.GetInt64(6),
                    FromMs(reader.GetInt64(7)),
                    FromMs(reader.GetInt64(8)))));
        }

        return rows;
    }

    /// <summary>A kind's key, name and artist columns on <c>plays</c>, and the filter its rollup rows apply (albums need a name).</summary>
    internal static (string Key, string Name, string Artist, string ExtraFilter) Columns(TopKind kind) => kind switch
    {
        TopKind.Tracks => ("track_key", "track_name", "artist_name", string.Empty),
        TopKind.Artists => ("artist_key", "artist_name", "NULL", string.Empty),
        TopKind.Albums => ("album_key", "album_name", "artist_name", " AND album_name IS NOT NULL AND album_name <> ''"),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>The top list grouped from the plays themselves, whatever the range (the reference the rollups must equal).</summary>
    internal async Task<IReadOnlyList<TopItem>> GetTopRawAsync(PlayScope scope, TopKind kind, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction(deferred: true);
        return await GetTopRawAsync(connection, transaction, scope, kind, limit, cancellationToken);
    }

    /// <summary>The top list read from the rollups, or null when the range leaves out some play of the scope's users.</summary>
    internal async Task<IReadOnlyList<TopItem>?> TryGetTopFromRollupsAsync(PlayScope scope, TopKind kind, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction(deferred: true);
        var bounds = await ReadBoundsAsync(connection, transaction, scope, cancellationToken);
        return await TryGetTopFromRollupsAsync(connection, transaction, scope, bounds, kind, limit, cancellationToken);
    }

    private static async Task<IReadOnlyList<TopItem>> GetTopRawAsync(
        SqliteConnection connection, SqliteTransaction transaction, PlayScope scope, TopKind kind, int limit, CancellationToken cancellationToken)
    {
        var (keyColumn, nameColumn, artistColumn, extraFilter) = Columns(kind);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        var users = AddScope(command, scope);
        command.Parameters.AddWithValue("@limit", limit);
        // Rank keys first, then pick the most-played spelling only for the keys that made the list.
        command.CommandText = $"""
            WITH scoped AS (
                SELECT {keyColumn} AS k, {nameColumn} AS n, {artistColumn} AS a, ms_played, played_at
                FROM plays
                WHERE user_id IN ({users}) AND played_at >= @from AND played_at < @to{extraFilter}
            ),
            ranked AS (
                SELECT k, COUNT(*) AS plays, SUM(ms_played) AS ms, MIN(played_at) AS first_at, MAX(played_at) AS last_at
                FROM scoped GROUP BY k
                ORDER BY plays DESC, ms DESC, k ASC
                LIMIT @limit
            ),
            spellings AS (
                SELECT k, n, a, COUNT(*) AS c FROM scoped WHERE k IN (SELECT k FROM ranked) GROUP BY k, n, a
            ),
            {TopListTail}
            """;
        return await ReadTopAsync(command, kind, cancellationToken);
    }

    private static async Task<IReadOnlyList<TopItem>?> TryGetTopFromRollupsAsync(
        SqliteConnection connection, SqliteTransaction transaction, PlayScope scope, PlayBounds bounds, TopKind kind, int limit, CancellationToken cancellationToken)
    {
        var userIds = scope.UserIds.Distinct(StringComparer.Ordinal).ToList();
        if (!PlayRollups.Cover(scope, bounds.Earliest, bounds.Latest))
        {
            return null;
        }

        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.Parameters.AddWithValue("@kind", (int)kind);
        command.Parameters.AddWithValue("@limit", limit);
        var users = AddUserIds(command, userIds);
        // Sum the spellings of each key (and each user, for a leaderboard), then pick the most-played spelling.
        const string Rows = "SELECT key AS k, name AS n, artist AS a, plays, ms, first_at, last_at FROM play_rollups";
        command.CommandText = SummedTopListSql(
            $"{Rows} WHERE user_id IN ({users}) AND kind = @kind",
            $"{Rows} WHERE user_id IN ({users}) AND kind = @kind AND key IN (SELECT k FROM ranked)");
        return await ReadTopAsync(command, kind, cancellationToken);
    }

    /// <summary>The earliest and the latest stored play of the scope's users (null when they have none); two index seeks per user.</summary>
    private static async Task<PlayBounds> ReadBoundsAsync(
        SqliteConnection connection, SqliteTransaction transaction, PlayScope scope, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        // Separate sub-selects: SQLite answers a lone MIN or MAX from the index, not both in one select.
        command.CommandText = """
            SELECT (SELECT MIN(played_at) FROM plays WHERE user_id = @user), (SELECT MAX(played_at) FROM plays WHERE user_id = @user)
            """;
        var user = command.Parameters.Add("@user", SqliteType.Text);
        long? earliest = null;
        long? latest = null;
        foreach (var userId in scope.UserIds.Distinct(StringComparer.Ordinal))
        {
            user.Value = userId;
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            if (!reader.IsDBNull(0))
            {
                earliest = Math.Min(earliest ?? long.MaxValue, reader.GetInt64(0));
                latest = Math.Max(latest ?? long.MinValue, reader.GetInt64(1));
            }
        }

        return new PlayBounds(earliest is { } e ? FromMs(e) : null, latest is { } l ? FromMs(l) : null);
    }

    /// <summary>A top-list row: key, name, artist, plays, time, first and last play (columns 0–6).</summary>
    private static TopItem ReadTopItem(SqliteDataReader reader, TopKind kind) => new(
        reader.GetString(0),
        reader.GetString(1),
        // Artists have no artist line; the rollups store '' there because key columns cannot be NULL.
        kind == TopKind.Artists ? null : NullableString(reader, 2),
        reader.GetInt32(3),
        reader.GetInt64(4),
        FromMs(reader.GetInt64(5)),
        FromMs(reader.GetInt64(6)));

    private static async Task<IReadOnlyList<TopItem>> ReadTopAsync(SqliteCommand command, TopKind kind, CancellationToken cancellationToken)
    {
        var items = new List<TopItem>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(ReadTopItem(reader, kind));
        }

        return items;
    }

    /// <summary>
    /// Totals from the rollups, with the same choice as the top lists: the all-time rows when the range holds every play
    /// of the users, else the signed rows of the split range (<see cref="SqliteSignedBuckets.RowsSql"/>: a calendar year is
    /// one year row per key less a day, not 11 months and 30 days), else (no whole UTC day) the plays. Plays and time come
    /// from the artist rows (every play has exactly one), the distinct counts from each kind's.
    /// </summary>
    public async Task<ListeningTotals> GetTotalsAsync(PlayScope scope, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        // One read snapshot, so no write lands between the coverage check and the rollup read.
        await using var transaction = connection.BeginTransaction(deferred: true);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        var userIds = scope.UserIds.Distinct(StringComparer.Ordinal).ToList();
        var users = AddUserIds(command, userIds);
        Func<TopKind, string> rows;
        var signed = false;
        var bounds = await ReadBoundsAsync(connection, transaction, scope, cancellationToken);
        if (PlayRollups.Cover(scope, bounds.Earliest, bounds.Latest))
        {
            rows = kind => $"SELECT key AS k, plays, ms FROM play_rollups WHERE user_id IN ({users}) AND kind = {(int)kind}";
        }
        else if (PlayDayRollups.Split(scope, bounds.Earliest, bounds.Latest) is { } split)
        {
            AddSplit(command, split);
            var terms = SqliteSignedBuckets.Of(split, bounds);
            rows = kind => SqliteSignedBuckets.RowsSql(terms, kind, users);
            signed = true;
        }
        else
        {
            command.Parameters.AddWithValue("@from", ToMs(scope.From));
            command.Parameters.AddWithValue("@to", ToMs(scope.To));
            rows = kind =>
            {
                var (keyColumn, _, _, extraFilter) = Columns(kind);
                return $"SELECT {keyColumn} AS k, 1 AS plays, ms_played AS ms FROM plays WHERE user_id IN ({users}) AND played_at >= @from AND played_at < @to{extraFilter}";
            };
        }

        // With signed rows a key that has no play in the range sums to zero, so the distinct keys are those summing
        // above it; the other rows only hold keys with plays.
        string Keys(TopKind kind) => signed
            ? $"SELECT COUNT(*) AS keys FROM (SELECT k FROM ({rows(kind)}) GROUP BY k HAVING SUM(plays) > 0)"
            : $"SELECT COUNT(DISTINCT k) AS keys FROM ({rows(kind)})";
        command.CommandText = $"""
            SELECT p.plays, p.ms, t.keys, a.keys, b.keys FROM
                (SELECT COALESCE(SUM(plays), 0) AS plays, COALESCE(SUM(ms), 0) AS ms FROM ({rows(TopKind.Artists)})) AS p,
                ({Keys(TopKind.Artists)}) AS a, ({Keys(TopKind.Tracks)}) AS t, ({Keys(TopKind.Albums)}) AS b
            """;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new ListeningTotals(reader.GetInt32(0), reader.GetInt64(1), reader.GetInt32(2), reader.GetInt32(3), reader.GetInt32(4));
    }

    /// <summary>
    /// The slot rows of the range's whole 15-minute slots plus the plays of its partial edge slots
    /// (<see cref="PlaySlotRollups.Split"/>), summed over the scope's users per slot.
    /// </summary>
    public async Task<IReadOnlyList<ListeningBucket>> GetListeningBucketsAsync(PlayScope scope, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        // One read snapshot: the rows and the edge plays agree.
        await using var transaction = connection.BeginTransaction(deferred: true);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        var userIds = scope.UserIds.Distinct(StringComparer.Ordinal).ToList();
        var users = AddUserIds(command, userIds);
        var edge = AddSlotSplit(command, PlaySlotRollups.Split(scope), users);
        // Three reads in slot order, one after the other: the edge slots lie before and after the whole ones. One user's
        // rows come in slot order from the key; only several users' rows are summed per slot.
        var whole = userIds.Count == 1
            ? $"SELECT slot, plays, ms, skip_known, skipped FROM play_slot_rollups WHERE user_id = {users} AND slot >= @first_slot AND slot < @end_slot ORDER BY slot"
            : $"""
                SELECT slot, SUM(plays), SUM(ms), SUM(skip_known), SUM(skipped) FROM play_slot_rollups
                WHERE user_id IN ({users}) AND slot >= @first_slot AND slot < @end_slot GROUP BY slot ORDER BY slot
                """;
        var buckets = new List<ListeningBucket>();
        foreach (var part in new[]
        {
            $"{edge} AND played_at >= @from AND played_at < @slots_from GROUP BY slot ORDER BY slot",
            whole,
            $"{edge} AND played_at >= @slots_to AND played_at < @to GROUP BY slot ORDER BY slot",
        })
        {
            command.CommandText = part;
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                buckets.Add(new ListeningBucket(
                    FromMs(reader.GetInt64(0) * ListeningBucket.SizeMs), reader.GetInt32(1), reader.GetInt64(2), reader.GetInt32(3), reader.GetInt32(4)));
            }
        }

        return buckets;
    }

    /// <summary>
    /// The slot rows and edge plays of <see cref="GetListeningBucketsAsync"/> folded into the zone's local hours in SQL
    /// (one row per hour leaves the database), with the zone's offsets over the scope's first to last play.
    /// </summary>
    public async Task<IReadOnlyList<LocalHourBucket>> GetLocalHoursAsync(PlayScope scope, TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        // One read snapshot: the offsets' range, the rows and the edge plays agree.
        await using var transaction = connection.BeginTransaction(deferred: true);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        var users = AddUserIds(command, scope.UserIds.Distinct(StringComparer.Ordinal).ToList());
        var edge = AddSlotSplit(command, PlaySlotRollups.Split(scope), users);
        command.CommandText = $"""
            SELECT (SELECT MIN(played_at) FROM plays WHERE user_id IN ({users}) AND played_at >= @from AND played_at < @to),
                   (SELECT MAX(played_at) FROM plays WHERE user_id IN ({users}) AND played_at >= @from AND played_at < @to)
            """;
        long first;
        long last;
        await using (var bounds = await command.ExecuteReaderAsync(cancellationToken))
        {
            await bounds.ReadAsync(cancellationToken);
            if (bounds.IsDBNull(0))
            {
                return [];
            }

            (first, last) = (bounds.GetInt64(0), bounds.GetInt64(1));
        }

        // The same offsets the default fold takes: from the first slot's start to the last slot's end.
        var offsets = LocalDayOffsets.For(
            zone,
            FromMs(PlaySlotRollups.SlotOf(FromMs(first)) * ListeningBucket.SizeMs),
            FromMs((PlaySlotRollups.SlotOf(FromMs(last)) + 1) * ListeningBucket.SizeMs));
        var offsetSql = OffsetSql(command, offsets, "start_ms");
        // Slot starts are after 2000, so start_ms plus the offset is positive and integer division floors.
        command.CommandText = $"""
            WITH slots AS (
                SELECT slot, plays, ms, skip_known, skipped FROM play_slot_rollups
                WHERE user_id IN ({users}) AND slot >= @first_slot AND slot < @end_slot
                UNION ALL
                {edge} AND played_at >= @from AND played_at < @slots_from GROUP BY slot
                UNION ALL
                {edge} AND played_at >= @slots_to AND played_at < @to GROUP BY slot
            ),
            starts AS (SELECT slot * {ListeningBucket.SizeMs} AS start_ms, plays, ms, skip_known, skipped FROM slots)
            SELECT (start_ms + {offsetSql}) / {LocalHourBucket.HourMs} AS local_hour, SUM(plays), SUM(ms), SUM(skip_known), SUM(skipped)
            FROM starts GROUP BY local_hour ORDER BY local_hour
            """;
        var hours = new List<LocalHourBucket>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            hours.Add(new LocalHourBucket(reader.GetInt64(0), reader.GetInt32(1), reader.GetInt64(2), reader.GetInt32(3), reader.GetInt32(4)));
        }

        return hours;
    }

    /// <summary>
    /// Adds a slot split's parameters (@first_slot, @end_slot, @from, @slots_from, @slots_to, @to) and returns the start
    /// of the edge plays' per-slot select (plays, time, plays with skip data, skips), to be completed with a time range.
    /// </summary>
    private static string AddSlotSplit(SqliteCommand command, SlotSplit split, string users)
    {
        command.Parameters.AddWithValue("@first_slot", split.FirstSlot);
        command.Parameters.AddWithValue("@end_slot", split.EndSlot);
        command.Parameters.AddWithValue("@from", split.FromMs);
        command.Parameters.AddWithValue("@slots_from", split.SlotsFromMs);
        command.Parameters.AddWithValue("@slots_to", split.SlotsToMs);
        command.Parameters.AddWithValue("@to", split.ToMs);
        return $"""
            SELECT {SqlitePlayRollups.SlotOfPlayedAt} AS slot, COUNT(*), SUM(ms_played), COUNT(skipped), COALESCE(SUM(skipped), 0)
            FROM plays WHERE user_id IN ({users})
            """;
    }

    /// <summary>
    /// The zone's offset at <paramref name="column"/> (unix ms) as SQL: the newest span that started at or before it (the
    /// first span also covers before), its values added to the command as parameters.
    /// </summary>
    private static string OffsetSql(SqliteCommand command, LocalDayOffsets offsets, string column)
    {
        var offset = new System.Text.StringBuilder("CASE");
        for (var i = offsets.Spans.Count - 1; i >= 1; i--)
        {
            command.Parameters.AddWithValue($"@span_from{i}", offsets.Spans[i].FromMs);
            command.Parameters.AddWithValue($"@span_offset{i}", offsets.Spans[i].OffsetMs);
            offset.Append($" WHEN {column} >= @span_from{i} THEN @span_offset{i}");
        }

        command.Parameters.AddWithValue("@span_offset0", offsets.Spans[0].OffsetMs);
        return offsets.Spans.Count == 1 ? "@span_offset0" : offset.Append(" ELSE @span_offset0 END").ToString();
    }

    /// <summary>Every slot row per user (tests compare them with <see cref="PlaySlotRollups.Fold"/> over the plays).</summary>
    internal async Task<IReadOnlyList<(string UserId, ListeningBucket Bucket)>> ListSlotRollupsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT user_id, slot, plays, ms, skip_known, skipped FROM play_slot_rollups";
        var rows = new List<(string, ListeningBucket)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add((reader.GetString(0), new ListeningBucket(
                FromMs(reader.GetInt64(1) * ListeningBucket.SizeMs), reader.GetInt32(2), reader.GetInt64(3), reader.GetInt32(4), reader.GetInt32(5))));
        }

        return rows;
    }

    public async Task<IReadOnlyList<ArtistDay>> GetArtistDaysAsync(
        PlayScope scope, IReadOnlyList<string> artistKeys, LocalDayOffsets offsets, CancellationToken cancellationToken)
    {
        var keys = artistKeys.Distinct(StringComparer.Ordinal).ToList();
        if (keys.Count == 0)
        {
            return [];
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        var users = AddScope(command, scope);
        var keyParameters = string.Join(", ", keys.Select((key, i) =>
        {
            command.Parameters.AddWithValue($"@artist{i}", key);
            return $"@artist{i}";
        }));
        var offsetSql = OffsetSql(command, offsets, "played_at");
        command.Parameters.AddWithValue("@day_ms", PlayDayRollups.DayMs);
        // Plays are after 2000, so played_at + offset is positive and integer division floors.
        command.CommandText = $"""
            SELECT artist_key, (played_at + {offsetSql}) / @day_ms AS local_day, COUNT(*)
            FROM plays
            WHERE user_id IN ({users}) AND played_at >= @from AND played_at < @to AND artist_key IN ({keyParameters})
            GROUP BY artist_key, local_day
            """;
        var days = new List<ArtistDay>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            days.Add(new ArtistDay(reader.GetString(0), LocalDayOffsets.DateOf(reader.GetInt64(1)), reader.GetInt32(2)));
        }

        return [.. days.OrderBy(d => d.ArtistKey, StringComparer.Ordinal).ThenBy(d => d.Day)];
    }

    /// <summary>
    /// Always from the all-time rollups: SQLite keeps them exact in every write's transaction, and a first play is an
    /// all-time fact, so no range of the plays could answer it more cheaply.
    /// </summary>
    public async Task<DiscoveryList> GetDiscoveriesAsync(PlayScope firstPlayedIn, TopKind kind, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        var users = AddScope(command, firstPlayedIn with { UserIds = [.. firstPlayedIn.UserIds.Distinct(StringComparer.Ordinal)] });
        command.Parameters.AddWithValue("@kind", (int)kind);
        command.Parameters.AddWithValue("@limit", limit);
        command.CommandText = $"""
            WITH rollups AS (
                SELECT key AS k, name AS n, artist AS a, plays, ms, first_at, last_at FROM play_rollups
                WHERE user_id IN ({users}) AND kind = @kind
            ),
            found AS (
                SELECT k, SUM(plays) AS plays, SUM(ms) AS ms, MIN(first_at) AS first_at, MAX(last_at) AS last_at
                FROM rollups GROUP BY k
                HAVING MIN(first_at) >= @from AND MIN(first_at) < @to
            ),
            ranked AS (
                SELECT k, plays, ms, first_at, last_at, COUNT(*) OVER () AS total FROM found
                ORDER BY plays DESC, ms DESC, k ASC
                LIMIT @limit
            ),
            spellings AS (
                SELECT k, n, a, SUM(plays) AS c FROM rollups WHERE k IN (SELECT k FROM ranked) GROUP BY k, n, a
            ),
            best AS (
                SELECT k, n, a, ROW_NUMBER() OVER (PARTITION BY k ORDER BY c DESC, n ASC, a ASC) AS rn FROM spellings
            )
            SELECT ranked.k, best.n, best.a, ranked.plays, ranked.ms, ranked.first_at, ranked.last_at, ranked.total
            FROM ranked JOIN best ON best.k = ranked.k AND best.rn = 1
            ORDER BY ranked.plays DESC, ranked.ms DESC, ranked.k ASC
            """;
        var items = new List<TopItem>();
        var total = 0;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            total = reader.GetInt32(7);
            items.Add(ReadTopItem(reader, kind));
        }

        return new DiscoveryList(total, items);
    }

    public async Task<IReadOnlyList<SkipCount>> GetSkipCountsAsync(PlayScope scope, TopKind kind, int minSkipped, CancellationToken cancellationToken)
    {
        var (keyColumn, nameColumn, artistColumn, extraFilter) = Columns(kind);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        var users = AddScope(command, scope with { UserIds = [.. scope.UserIds.Distinct(StringComparer.Ordinal)] });
        command.Parameters.AddWithValue("@min_skipped", minSkipped);
        // skipped is NULL (unknown), 0 or 1, so SUM counts the skips among the plays that say.
        command.CommandText = $"""
            WITH scoped AS (
                SELECT {keyColumn} AS k, {nameColumn} AS n, {artistColumn} AS a, skipped
                FROM plays
                WHERE user_id IN ({users}) AND played_at >= @from AND played_at < @to AND skipped IS NOT NULL{extraFilter}
            ),
            counted AS (
                SELECT k, COUNT(*) AS plays, SUM(skipped) AS skips FROM scoped GROUP BY k HAVING SUM(skipped) >= @min_skipped
            ),
            spellings AS (
                SELECT k, n, a, COUNT(*) AS c FROM scoped WHERE k IN (SELECT k FROM counted) GROUP BY k, n, a
            ),
            best AS (
                SELECT k, n, a, ROW_NUMBER() OVER (PARTITION BY k ORDER BY c DESC, n ASC, a ASC) AS rn FROM spellings
            )
            SELECT counted.k, best.n, best.a, counted.plays, counted.skips
            FROM counted JOIN best ON best.k = counted.k AND best.rn = 1
            """;
        var counts = new List<SkipCount>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            counts.Add(new SkipCount(
                reader.GetString(0),
                reader.GetString(1),
                kind == TopKind.Artists ? null : NullableString(reader, 2),
                reader.GetInt32(3),
                reader.GetInt32(4)));
        }

        return [.. counts.OrderBy(c => c.Key, StringComparer.Ordinal)];
    }

    public async Task<IReadOnlyList<Play>> GetRecentAsync(string userId, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.Parameters.AddWithValue("@user", userId);
        command.Parameters.AddWithValue("@limit", limit);
        command.CommandText = $"SELECT {PlayColumns} FROM plays WHERE user_id = @user ORDER BY played_at DESC, track_id ASC LIMIT @limit";
        var plays = new List<Play>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            plays.Add(ReadPlay(reader));
        }

        return plays;
    }

    public async Task<IReadOnlyList<PlayStamp>> GetStampsAsync(PlayScope scope, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await ReadStampsAsync(connection, null, scope, cancellationToken);
    }

    private static async Task<IReadOnlyList<PlayStamp>> ReadStampsAsync(
        SqliteConnection connection, SqliteTransaction? transaction, PlayScope scope, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        var users = AddScope(command, scope);
        command.CommandText = $"""
            SELECT played_at, track_id, track_key, source, ms_played FROM plays
            WHERE user_id IN ({users}) AND played_at >= @from AND played_at < @to
            ORDER BY played_at ASC, track_id ASC
            """;
        var stamps = new List<PlayStamp>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            stamps.Add(new PlayStamp(FromMs(reader.GetInt64(0)), reader.GetString(1), reader.GetString(2), (PlaySource)reader.GetInt32(3), reader.GetInt32(4)));
        }

        return stamps;
    }

    public async Task<DateTimeOffset?> GetLatestTrackedAtAsync(string userId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.Parameters.AddWithValue("@user", userId);
        command.Parameters.AddWithValue("@tracked", (int)PlaySource.Tracked);
        // Walks ux_plays_user_played_track backwards from the newest play to the first tracked one.
        command.CommandText = "SELECT played_at FROM plays WHERE user_id = @user AND source = @tracked ORDER BY played_at DESC LIMIT 1";
        var value = await command.ExecuteScalarAsync(cancellationToken);
        return value is long ms ? FromMs(ms) : null;
    }

    public async Task<long> CountAsync(PlayScope scope, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        var users = AddScope(command, scope);
        command.CommandText = $"SELECT COUNT(*) FROM plays WHERE user_id IN ({users}) AND played_at >= @from AND played_at < @to";
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken));
    }

    public async Task<InsertResult> ReassignAsync(string fromUserId, string toUserId, CancellationToken cancellationToken)
    {
        if (fromUserId == toUserId)
        {
            return InsertResult.Empty;
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.Parameters.AddWithValue("@from", fromUserId);
        command.Parameters.AddWithValue("@to", toUserId);
        var mark = await SqlitePlayRollups.MarkAsync(connection, transaction, cancellationToken);
        var columnsAfterUser = PlayColumns["user_id, ".Length..];
        command.CommandText = $"INSERT OR IGNORE INTO plays ({PlayColumns}) SELECT @to, {columnsAfterUser} FROM plays WHERE user_id = @from";
        var inserted = await command.ExecuteNonQueryAsync(cancellationToken);
        command.CommandText = "DELETE FROM plays WHERE user_id = @from";
        var moved = await command.ExecuteNonQueryAsync(cancellationToken);
        await SqlitePlayRollups.DeleteUserAsync(connection, transaction, fromUserId, cancellationToken);
        await SqlitePlayRollups.FoldInsertedAsync(connection, transaction, mark, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new InsertResult(inserted, moved - inserted);
    }

    public async Task<IReadOnlyList<Play>> GetOldestAsync(string userId, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.Parameters.AddWithValue("@user", userId);
        command.Parameters.AddWithValue("@limit", limit);
        command.CommandText = $"SELECT {PlayColumns} FROM plays WHERE user_id = @user ORDER BY played_at, track_id LIMIT @limit";
        var page = new List<Play>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            page.Add(ReadPlay(reader));
        }

        return page;
    }

    public async Task<IReadOnlyList<Play>> GetPageAsync(string userId, PlayCursor? after, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.Parameters.AddWithValue("@user", userId);
        command.Parameters.AddWithValue("@limit", limit);
        // A row-value comparison: SQLite walks ux_plays_user_played_track from the cursor on.
        var from = after is null ? string.Empty : " AND (played_at, track_id) > (@after_played, @after_track)";
        if (after is not null)
        {
            command.Parameters.AddWithValue("@after_played", ToMs(after.PlayedAt));
            command.Parameters.AddWithValue("@after_track", after.TrackId);
        }

        command.CommandText = $"SELECT {PlayColumns} FROM plays WHERE user_id = @user{from} ORDER BY played_at, track_id LIMIT @limit";
        var page = new List<Play>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            page.Add(ReadPlay(reader));
        }

        return page;
    }

    /// <summary>The plays a rollup row (<c>play_rollups</c>) sums: its user, kind, key and spelling.</summary>
    private const string EdgeMatch = """
        p.user_id = play_rollups.user_id AND (
            (play_rollups.kind = 0 AND p.track_key = play_rollups.key AND p.track_name = play_rollups.name AND p.artist_name = play_rollups.artist)
            OR (play_rollups.kind = 1 AND p.artist_key = play_rollups.key AND p.artist_name = play_rollups.name)
            OR (play_rollups.kind = 2 AND p.album_key = play_rollups.key AND p.album_name = play_rollups.name AND p.artist_name = play_rollups.artist))
        """;

    /// <summary>
    /// The plays a period row sums: <see cref="EdgeMatch"/> within its bucket, a UTC day (<c>play_day_rollups</c>) or a
    /// UTC month (<c>play_month_rollups</c>, from the month's first day to the next month's).
    /// </summary>
    private static string PeriodEdgeMatch(SqliteRollupLevel level) =>
        EdgeMatch.Replace("play_rollups.", level.Table + ".", StringComparison.Ordinal) + (level == SqlitePlayRollups.Days
            ? " AND p.played_at >= play_day_rollups.day * 86400000 AND p.played_at < (play_day_rollups.day + 1) * 86400000"
            : $" AND p.played_at >= {level.Table}.{level.BucketColumn} * 86400000"
              + $" AND p.played_at < CAST(strftime('%s', {level.Table}.{level.BucketColumn} * 86400, 'unixepoch', '+1 {level.BucketColumn}') AS INTEGER) * 1000");

    /// <summary>The all-time row update of <see cref="DeletePlaysAsync"/> aimed at one period level's row of the play's bucket.</summary>
    private static SqliteCommand PeriodRollupUpdate(
        SqliteConnection connection, SqliteTransaction transaction, SqliteRollupLevel level, string allTimeUpdate, string userId)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = allTimeUpdate.Replace("UPDATE play_rollups", $"UPDATE {level.Table}", StringComparison.Ordinal)
            + $" AND {level.BucketColumn} = @bucket";
        command.Parameters.AddWithValue("@user", userId);
        foreach (var name in new[] { "@at", "@ms", "@kind", "@bucket" })
        {
            command.Parameters.Add(name, SqliteType.Integer);
        }

        foreach (var name in new[] { "@key", "@name", "@artist" })
        {
            command.Parameters.Add(name, SqliteType.Text);
        }

        return command;
    }

    public async Task<long> DeletePlaysAsync(string userId, IReadOnlyList<Play> plays, CancellationToken cancellationToken)
    {
        if (plays.Count == 0)
        {
            return 0;
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using var delete = connection.CreateCommand();
        delete.Transaction = transaction;
        delete.CommandText = """
            DELETE FROM plays WHERE user_id = @user AND played_at = @played_at AND track_id = @track_id
            RETURNING track_key, track_name, artist_key, artist_name, album_key, album_name, ms_played, skipped
            """;
        delete.Parameters.AddWithValue("@user", userId);
        var playedAt = delete.Parameters.Add("@played_at", SqliteType.Integer);
        var trackId = delete.Parameters.Add("@track_id", SqliteType.Text);
        // Each deleted play leaves its three rollup rows (track, artist, album) one play and its time lighter.
        await using var rollup = connection.CreateCommand();
        rollup.Transaction = transaction;
        // A first/last time cannot be subtracted: a row whose edge play goes is marked (-1) and read again from the plays left.
        rollup.CommandText = """
            UPDATE play_rollups SET plays = plays - 1, ms = ms - @ms,
                first_at = CASE WHEN first_at = @at THEN -1 ELSE first_at END,
                last_at = CASE WHEN last_at = @at THEN -1 ELSE last_at END
            WHERE user_id = @user AND kind = @kind AND key = @key AND name = @name AND artist = @artist
            """;
        rollup.Parameters.AddWithValue("@user", userId);
        var at = rollup.Parameters.Add("@at", SqliteType.Integer);
        var ms = rollup.Parameters.Add("@ms", SqliteType.Integer);
        var kind = rollup.Parameters.Add("@kind", SqliteType.Integer);
        var key = rollup.Parameters.Add("@key", SqliteType.Text);
        var name = rollup.Parameters.Add("@name", SqliteType.Text);
        var artist = rollup.Parameters.Add("@artist", SqliteType.Text);
        // The same play leaves its day's, month's and year's rows lighter (first/last marked the same way).
        SqliteRollupLevel[] periodLevels = [SqlitePlayRollups.Days, SqlitePlayRollups.Months, SqlitePlayRollups.Years];
        await using var dayRollup = PeriodRollupUpdate(connection, transaction, SqlitePlayRollups.Days, rollup.CommandText, userId);
        await using var monthRollup = PeriodRollupUpdate(connection, transaction, SqlitePlayRollups.Months, rollup.CommandText, userId);
        await using var yearRollup = PeriodRollupUpdate(connection, transaction, SqlitePlayRollups.Years, rollup.CommandText, userId);
        SqliteCommand[] periodRollups = [dayRollup, monthRollup, yearRollup];
        // And its 15-minute slot's row.
        await using var slotRollup = connection.CreateCommand();
        slotRollup.Transaction = transaction;
        slotRollup.CommandText = """
            UPDATE play_slot_rollups SET plays = plays - 1, ms = ms - @ms, skip_known = skip_known - @known, skipped = skipped - @skipped
            WHERE user_id = @user AND slot = @slot
            """;
        slotRollup.Parameters.AddWithValue("@user", userId);
        var slotMs = slotRollup.Parameters.Add("@ms", SqliteType.Integer);
        var slotKnown = slotRollup.Parameters.Add("@known", SqliteType.Integer);
        var slotSkipped = slotRollup.Parameters.Add("@skipped", SqliteType.Integer);
        var slot = slotRollup.Parameters.Add("@slot", SqliteType.Integer);
        long deleted = 0;
        foreach (var play in plays)
        {
            playedAt.Value = ToMs(play.PlayedAt);
            at.Value = playedAt.Value;
            trackId.Value = play.TrackId;
            var rows = new List<(string TrackKey, string Track, string ArtistKey, string Artist, string AlbumKey, string? Album, long Ms, bool? Skipped)>();
            await using (var reader = await delete.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    rows.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), NullableString(reader, 5), reader.GetInt64(6), NullableBool(reader, 7)));
                }
            }

            foreach (var row in rows)
            {
                deleted++;
                ms.Value = row.Ms;
                (slotMs.Value, slotKnown.Value, slotSkipped.Value) = (row.Ms, row.Skipped is null ? 0 : 1, row.Skipped == true ? 1 : 0);
                slot.Value = PlaySlotRollups.SlotOf(play.PlayedAt);
                await slotRollup.ExecuteNonQueryAsync(cancellationToken);
                foreach (var (k, rowKey, rowName, rowArtist) in new[] { (0, row.TrackKey, row.Track, row.Artist), (1, row.ArtistKey, row.Artist, ""), (2, row.AlbumKey, row.Album, row.Artist) })
                {
                    if (rowName is null or "")
                    {
                        continue;
                    }

                    kind.Value = k;
                    key.Value = rowKey;
                    name.Value = rowName;
                    artist.Value = rowArtist;
                    await rollup.ExecuteNonQueryAsync(cancellationToken);
                    for (var level = 0; level < periodRollups.Length; level++)
                    {
                        var parameters = periodRollups[level].Parameters;
                        (parameters["@at"].Value, parameters["@ms"].Value, parameters["@kind"].Value) = (at.Value, ms.Value, k);
                        (parameters["@key"].Value, parameters["@name"].Value, parameters["@artist"].Value) = (rowKey, rowName, rowArtist);
                        parameters["@bucket"].Value = periodLevels[level].BucketOf!(play.PlayedAt);
                        await periodRollups[level].ExecuteNonQueryAsync(cancellationToken);
                    }
                }
            }
        }

        await using var prune = connection.CreateCommand();
        prune.Transaction = transaction;
        prune.CommandText = $"""
            DELETE FROM play_rollups WHERE user_id = @user AND plays <= 0;
            UPDATE play_rollups SET
                first_at = CASE WHEN first_at = -1 THEN (SELECT MIN(p.played_at) FROM plays p WHERE {EdgeMatch}) ELSE first_at END,
                last_at = CASE WHEN last_at = -1 THEN (SELECT MAX(p.played_at) FROM plays p WHERE {EdgeMatch}) ELSE last_at END
            WHERE user_id = @user AND (first_at = -1 OR last_at = -1);
            {string.Concat(periodLevels.Select(level => $"""
                DELETE FROM {level.Table} WHERE user_id = @user AND plays <= 0;
                UPDATE {level.Table} SET
                    first_at = CASE WHEN first_at = -1 THEN (SELECT MIN(p.played_at) FROM plays p WHERE {PeriodEdgeMatch(level)}) ELSE first_at END,
                    last_at = CASE WHEN last_at = -1 THEN (SELECT MAX(p.played_at) FROM plays p WHERE {PeriodEdgeMatch(level)}) ELSE last_at END
                WHERE user_id = @user AND (first_at = -1 OR last_at = -1);

                """))}
            DELETE FROM play_slot_rollups WHERE user_id = @user AND plays <= 0;
            """;
        prune.Parameters.AddWithValue("@user", userId);
        await prune.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return deleted;
    }

    public async Task<long> DeleteUserAsync(string userId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.Parameters.AddWithValue("@user", userId);
        command.CommandText = "DELETE FROM plays WHERE user_id = @user";
        var deleted = await command.ExecuteNonQueryAsync(cancellationToken);
        await SqlitePlayRollups.DeleteUserAsync(connection, transaction, userId, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return deleted;
    }


    private static Play ReadPlay(SqliteDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(2),
        reader.GetString(3),
        NullableString(reader, 4),
        reader.GetString(5),
        NullableString(reader, 6),
        NullableString(reader, 7),
        FromMs(reader.GetInt64(1)),
        reader.GetInt32(8),
        reader.GetInt32(9),
        (PlaySource)reader.GetInt32(10),
        reader.GetString(11),
        reader.GetString(12),
        reader.GetString(13))
    {
        Context = PlayContext.OrNull(
            NullableBool(reader, 14),
            NullableString(reader, 15),
            NullableString(reader, 16),
            NullableBool(reader, 17),
            NullableString(reader, 18),
            NullableBool(reader, 19)),
    };
}
