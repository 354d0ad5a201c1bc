using Microsoft.Data.Sqlite;
using SpotifyLocal.Core.Storage.Mongo;
using static SpotifyLocal.Core.Storage.Sqlite.SqliteValues;

namespace SpotifyLocal.Core.Storage.Sqlite;

/// <summary>
/// The exact top list of a range spanning weeks or more (<see cref="PlayDayRollups.Split"/>), without grouping every
/// row inside it. The rows of every UTC year (for a range filling at least 40 % of the years it touches) or month the
/// range touches, whole or not, give each key an upper bound on its plays (a partial bucket's row holds at least the
/// key's plays on the range's days of it), plus the key's plays on the two partial edge days. SQLite sorts the keys by
/// that bound and only the first are read: the first <c>limit</c> keys are counted exactly, then in one more batch every
/// key whose bound reaches the last place so far (it only rises as keys are counted), and counting stops when the next
/// bound is below the plays of the list's last place: no key left can reach the list, even on a tie. The ranking is the raw group-by's
/// (<see cref="TopSpellingRanking"/>: plays, time, then key by code point).
/// A sparse range is left to the caller's sum of the whole range (null): when the keys counted one by one would be more
/// than a quarter of the rows that sum reads (a light listener's month, where the 50th track has two plays and a
/// thousand tracks have two or more in 1,300 rows).
/// </summary>
/// <remarks>
/// <para>
/// A key is counted from signed buckets (<see cref="SqliteSignedBuckets"/>): the range's whole days as the fewest year, month and
/// day rows, added or taken away. The last 365 days from 1 April are the two years it touches less January to March
/// of the first (5 rows per key instead of 12 months); a calendar year in a zone east of UTC is its UTC year less the
/// plays after its end on 31 December. Plays, time and each spelling's count add up exactly with signs.
/// </para>
/// <para>
/// First and last plays don't: a row that is added may start before the range. The earliest play of the added rows is
/// the key's first play whenever it lies inside the range (every play in the range is in some added row); otherwise
/// the range's own pieces (edge plays, day rows, whole months, in order) are looked up from its start until the key
/// shows up, and the same backwards for the last play. Only the listed keys are looked up.
/// </para>
/// </remarks>
internal static class SqliteBoundedTopList
{
    // Keys per exact read: each is one SQL parameter, and SQLite allows 32,766.
    private const int MaxBatch = 4_096;

    /// <summary>True when the range is long enough for the bounds to pay (four weeks or more of whole days).</summary>
    public static bool Suits(DaySplit split) => split.EndDay - split.FirstDay >= 28;

    // Rows the caller's sum reads per key counted one by one at which both cost about the same (the benchmark's
    // 50,000-play user, one run: its month's top-50 tracks counted 1,095 keys of 1,330 rows in 40 ms, summed in 8 ms;
    // artists 191 keys of 1,289 rows in 5.3 ms, summed in 8.9 ms; albums 327 of 1,317 rows in 9.3 ms, summed in 9.5 ms).
    private const int SummedRowsPerCountedKey = 4;

    /// <summary>The exact top list, or null when the range is too sparse for its bounds to pay (see the class remarks).</summary>
    public static async Task<IReadOnlyList<TopItem>?> TryGetAsync(
        SqliteConnection connection,
        SqliteTransaction transaction,
        IReadOnlyList<string> userIds,
        DaySplit split,
        PlayBounds playBounds,
        TopKind kind,
        int limit,
        CancellationToken cancellationToken)
    {
        var terms = SqliteSignedBuckets.Of(split, playBounds);

        await using var boundsCommand = BoundsCommand(connection, transaction, userIds, split, kind);
        await using var bounds = await boundsCommand.ExecuteReaderAsync(cancellationToken);
        var candidates = new List<(string Key, long Bound)>();
        async Task<bool> HasCandidateAsync(int index)
        {
            while (candidates.Count <= index && await bounds.ReadAsync(cancellationToken))
            {
                candidates.Add((bounds.GetString(0), bounds.GetInt64(1)));
            }

            return index < candidates.Count;
        }

        var tallies = new Dictionary<(string Key, string Name, string Artist), Tally>();
        var exactPlays = new Dictionary<string, long>(StringComparer.Ordinal);
        var next = 0;
        var batch = limit;
        long? summedRows = null;
        while (await HasCandidateAsync(next))
        {
            if (exactPlays.Count(p => p.Value > 0) >= limit)
            {
                var lastPlace = exactPlays.Values.Where(p => p > 0).OrderByDescending(p => p).ElementAt(limit - 1);
                if (candidates[next].Bound < lastPlace)
                {
                    break;
                }

                // Every key whose bound reaches the last place, in one batch: the last place only rises from here.
                var end = next;
                while (await HasCandidateAsync(end) && candidates[end].Bound >= lastPlace)
                {
                    end++;
                }

                batch = Math.Min(end - next, MaxBatch);
            }

            await HasCandidateAsync(next + batch - 1);
            var keys = candidates.Skip(next).Take(batch).Select(c => c.Key).ToList();
            // Only worth asking once the keys outnumber the list: a dense range counts about `limit` keys.
            if (next + keys.Count > 2 * limit
                && (next + keys.Count) * SummedRowsPerCountedKey > (summedRows ??= await CountSummedRowsAsync(connection, transaction, userIds, split, kind, cancellationToken)))
            {
                return null;
            }

            next += keys.Count;
            batch *= 2;
            foreach (var key in keys)
            {
                exactPlays[key] = 0;
            }

            await ReadExactAsync(connection, transaction, userIds, split, terms, kind, keys, tallies, cancellationToken);
            var batchKeys = keys.ToHashSet(StringComparer.Ordinal);
            foreach (var ((key, _, _), tally) in tallies.Where(t => batchKeys.Contains(t.Key.Key)))
            {
                exactPlays[key] += tally.Plays;
            }
        }

        var spellings = tallies.Select(t => new TopSpelling
        {
            Id = new TopSpellingKey { Key = t.Key.Key, Name = t.Key.Name, ArtistName = t.Key.Artist },
            Plays = checked((int)t.Value.Plays),
            MsPlayed = t.Value.Ms,
            FirstPlayedAt = MongoTime.ToBson(FromMs(t.Value.First)),
            LastPlayedAt = MongoTime.ToBson(FromMs(t.Value.Last)),
        });
        var items = TopSpellingRanking.Rank(spellings, kind, limit);
        return await FixSpansAsync(connection, transaction, userIds, split, kind, items, cancellationToken);
    }

    /// <summary>The month and day rows the caller's sum of the whole range reads (its edge plays aside: both read those).</summary>
    private static async Task<long> CountSummedRowsAsync(
        SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<string> userIds, DaySplit split, TopKind kind, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        var users = AddUserIds(command, userIds);
        SqlitePlayStore.AddSplit(command, split);
        command.Parameters.AddWithValue("@kind", (int)kind);
        command.CommandText = $"""
            SELECT (SELECT COUNT(*) FROM play_month_rollups
                    WHERE user_id IN ({users}) AND kind = @kind AND month >= @months_from AND month < @months_to)
                 + (SELECT COUNT(*) FROM play_day_rollups
                    WHERE user_id IN ({users}) AND kind = @kind AND day >= @first_day AND day < @months_from)
                 + (SELECT COUNT(*) FROM play_day_rollups
                    WHERE user_id IN ({users}) AND kind = @kind AND day >= @months_to AND day < @end_day)
            """;
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>The whole months (month-start day numbers) and the range's days of its partial months.</summary>
    internal static (List<long> InnerMonths, List<long> PartialDays) Buckets(DaySplit split)
    {
        var months = new List<long>();
        for (var month = split.MonthsFrom; month < split.MonthsTo; month = PlayDayRollups.NextMonthStart(month))
        {
            months.Add(month);
        }

        var days = new List<long>();
        for (var day = split.FirstDay; day < split.EndDay; day++)
        {
            if (day < split.MonthsFrom || day >= split.MonthsTo)
            {
                days.Add(day);
            }
        }

        return (months, days);
    }

    /// <summary>
    /// The year rows when the range fills at least 40 % of the UTC years it touches (a calendar year, the last 365
    /// days): one row per key and year, bounds of a few times the plays at most for steady listening; else the month rows.
    /// </summary>
    internal static SqliteRollupLevel BoundsLevel(DaySplit split) => Cover(split).Level;

    /// <summary>The level the bounds read and the buckets it touches, [From, To) as day numbers of bucket starts.</summary>
    private static (SqliteRollupLevel Level, long From, long To) Cover(DaySplit split)
    {
        var yearsFrom = PlayDayRollups.YearStartOf(split.FirstDay);
        var yearsTo = PlayDayRollups.NextYearStart(PlayDayRollups.YearStartOf(split.EndDay - 1));
        return (split.EndDay - split.FirstDay) * 5 >= (yearsTo - yearsFrom) * 2
            ? (SqlitePlayRollups.Years, yearsFrom, yearsTo)
            : (SqlitePlayRollups.Months, PlayDayRollups.MonthStartOf(split.FirstDay), PlayDayRollups.NextMonthStart(PlayDayRollups.MonthStartOf(split.EndDay - 1)));
    }

    /// <summary>Per key, highest first: its plays in every year or month the range touches plus its edge plays.</summary>
    private static SqliteCommand BoundsCommand(
        SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<string> userIds, DaySplit split, TopKind kind)
    {
        var (keyColumn, _, _, extraFilter) = SqlitePlayStore.Columns(kind);
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        var users = AddUserIds(command, userIds);
        SqlitePlayStore.AddSplit(command, split);
        command.Parameters.AddWithValue("@kind", (int)kind);
        var (level, coverFrom, coverTo) = Cover(split);
        command.Parameters.AddWithValue("@cover_from", coverFrom);
        command.Parameters.AddWithValue("@cover_to", coverTo);
        // Only the first few rows are read: the keys past the list's last place stay in SQLite's sorter.
        command.CommandText = $"""
            SELECT k, SUM(plays) AS bound FROM (
                SELECT key AS k, plays FROM {level.Table}
                WHERE user_id IN ({users}) AND kind = @kind AND {level.BucketColumn} >= @cover_from AND {level.BucketColumn} < @cover_to
                UNION ALL
                SELECT {keyColumn}, 1 FROM plays WHERE user_id IN ({users}) AND played_at >= @from AND played_at < @days_from{extraFilter}
                UNION ALL
                SELECT {keyColumn}, 1 FROM plays WHERE user_id IN ({users}) AND played_at >= @days_to AND played_at < @to{extraFilter}
            )
            GROUP BY k ORDER BY bound DESC, k ASC
            """;
        return command;
    }

    /// <summary>
    /// Sets the keys' spellings with plays in the range in <paramref name="tallies"/>, summed from the signed rows
    /// (<see cref="SqliteSignedBuckets.RowsSql"/>). First and last plays come from the added rows only.
    /// </summary>
    private static async Task ReadExactAsync(
        SqliteConnection connection,
        SqliteTransaction transaction,
        IReadOnlyList<string> userIds,
        DaySplit split,
        IReadOnlyList<(SqliteRollupLevel Level, long Bucket, int Sign)> terms,
        TopKind kind,
        IReadOnlyList<string> keys,
        Dictionary<(string Key, string Name, string Artist), Tally> tallies,
        CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        var users = AddUserIds(command, userIds);
        SqlitePlayStore.AddSplit(command, split);
        var rows = SqliteSignedBuckets.RowsSql(terms, kind, users, AddTexts(command, "k", keys));
        // Summed per spelling in SQLite: a row read into .NET costs more than several rows summed there.
        command.CommandText = $"""
            SELECT k, n, a, SUM(plays), SUM(ms), MIN(CASE WHEN s > 0 THEN first_at END), MAX(CASE WHEN s > 0 THEN last_at END)
            FROM ({rows})
            GROUP BY k, n, a
            """;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var plays = reader.GetInt64(3);
            if (plays != 0)
            {
                // Every play in the range lies in some added row, so a spelling with plays has added rows.
                tallies[(reader.GetString(0), reader.GetString(1), reader.GetString(2))] =
                    new Tally(plays, reader.GetInt64(4), reader.GetInt64(5), reader.GetInt64(6));
            }
        }
    }

    /// <summary>
    /// Replaces a listed key's first (last) play when the added rows put it before (after) the range: the range's pieces
    /// are looked up in order from its start (end), a few more at a time, until the key shows up.
    /// </summary>
    private static async Task<IReadOnlyList<TopItem>> FixSpansAsync(
        SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<string> userIds, DaySplit split, TopKind kind, IReadOnlyList<TopItem> items, CancellationToken cancellationToken)
    {
        var early = items.Where(i => ToMs(i.FirstPlayedAt) < split.FromMs).Select(i => i.Key).ToList();
        var late = items.Where(i => ToMs(i.LastPlayedAt) >= split.ToMs).Select(i => i.Key).ToList();
        if (early.Count == 0 && late.Count == 0)
        {
            return items;
        }

        var pieces = Pieces(split);
        var firsts = await WalkAsync(connection, transaction, userIds, kind, pieces, early, first: true, cancellationToken);
        pieces.Reverse();
        var lasts = await WalkAsync(connection, transaction, userIds, kind, pieces, late, first: false, cancellationToken);
        return [.. items.Select(item => item with
        {
            FirstPlayedAt = firsts.TryGetValue(item.Key, out var first) ? FromMs(first) : item.FirstPlayedAt,
            LastPlayedAt = lasts.TryGetValue(item.Key, out var last) ? FromMs(last) : item.LastPlayedAt,
        })];
    }

    /// <summary>The range in order, as disjoint pieces: the first edge's plays, day rows, whole months, day rows, the last edge's plays.</summary>
    private static List<(SqliteRollupLevel? Level, long Bucket, long FromMs, long ToMs)> Pieces(DaySplit split)
    {
        var (months, days) = Buckets(split);
        var pieces = new List<(SqliteRollupLevel? Level, long Bucket, long FromMs, long ToMs)> { (null, 0, split.FromMs, split.DaysFromMs) };
        pieces.AddRange(days.Where(d => d < split.MonthsFrom).Select(d => ((SqliteRollupLevel?)SqlitePlayRollups.Days, d, 0L, 0L)));
        pieces.AddRange(months.Select(m => ((SqliteRollupLevel?)SqlitePlayRollups.Months, m, 0L, 0L)));
        pieces.AddRange(days.Where(d => d >= split.MonthsTo).Select(d => ((SqliteRollupLevel?)SqlitePlayRollups.Days, d, 0L, 0L)));
        pieces.Add((null, 0, split.DaysToMs, split.ToMs));
        return pieces;
    }

    private static async Task<Dictionary<string, long>> WalkAsync(
        SqliteConnection connection,
        SqliteTransaction transaction,
        IReadOnlyList<string> userIds,
        TopKind kind,
        IReadOnlyList<(SqliteRollupLevel? Level, long Bucket, long FromMs, long ToMs)> pieces,
        IReadOnlyList<string> keys,
        bool first,
        CancellationToken cancellationToken)
    {
        var (keyColumn, _, _, extraFilter) = SqlitePlayStore.Columns(kind);
        var found = new Dictionary<string, long>(StringComparer.Ordinal);
        var missing = keys.ToHashSet(StringComparer.Ordinal);
        var at = 0;
        var take = 2;
        while (missing.Count > 0 && at < pieces.Count)
        {
            var slice = pieces.Skip(at).Take(take).ToList();
            at += slice.Count;
            take *= 2;
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            var users = AddUserIds(command, userIds);
            command.Parameters.AddWithValue("@kind", (int)kind);
            var keyList = AddTexts(command, "k", [.. missing]);
            var parts = slice.Where(p => p.Level is not null).GroupBy(p => p.Level!).Select(group => $"""
                SELECT key AS k, first_at, last_at FROM {group.Key.Table}
                WHERE user_id IN ({users}) AND kind = @kind AND {group.Key.BucketColumn} IN ({Literals(group.Select(p => p.Bucket))}) AND key IN ({keyList})
                """).ToList();
            parts.AddRange(slice.Where(p => p.Level is null && p.FromMs < p.ToMs).Select(p => $"""
                SELECT {keyColumn}, played_at, played_at FROM plays
                WHERE user_id IN ({users}) AND played_at >= {Literals([p.FromMs])} AND played_at < {Literals([p.ToMs])} AND {keyColumn} IN ({keyList}){extraFilter}
                """));
            if (parts.Count == 0)
            {
                continue;
            }

            // The slice is one stretch of the range, so its earliest (latest) play is the key's first (last) in it.
            command.CommandText = $"SELECT k, {(first ? "MIN(first_at)" : "MAX(last_at)")} FROM ({string.Join("\nUNION ALL\n", parts)}) GROUP BY k";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                found[reader.GetString(0)] = reader.GetInt64(1);
                missing.Remove(reader.GetString(0));
            }
        }

        return found;
    }

    /// <summary>One spelling's signed sums in the range, with the first and last play of the rows added.</summary>
    private sealed record Tally(long Plays, long Ms, long First, long Last);
}
