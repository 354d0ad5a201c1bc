using Microsoft.Data.Sqlite;
using SpotifyLocal.Core.Storage.Mongo;
using static SpotifyLocal.Core.Storage.Sqlite.SqliteValues;

namespace SpotifyLocal.Core.Storage.Sqlite;

/// <summary>
/// The exact top list of a range spanning weeks or more (<see cref="PlayDayRollups.Split"/>), without grouping every
/// row inside it. The rows of every UTC year (for a range filling at least 40 % of the years it touches) or month the
/// range touches, whole or not, give each key an upper bound on its plays (a partial bucket's row holds at least the
/// key's plays on the range's days of it), plus the key's plays on the two partial edge days. Keys are then counted exactly in order of that bound, a batch at a time
/// (the whole months' rows, the day rows of the partial months' days inside the range and the edge plays, all looked up
/// by key), until the next bound is below the plays of the list's last place: no key left can reach the list, even on
/// a tie. The ranking is the raw group-by's (<see cref="TopSpellingRanking"/>: plays, time, then key by code point).
/// </summary>
/// <remarks>
/// It pays where the range holds many rows and the bounds are sharp (listening spread over the year): a calendar year
/// in a zone east of UTC reads one year row per key for the bounds, then looks up only the keys near the top, instead
/// of grouping 11 month rows and 30 days of day rows per key.
/// </remarks>
internal static class SqliteBoundedTopList
{
    private const int FirstBatch = 32;

    /// <summary>True when the range is long enough for the bounds to pay (four weeks or more of whole days).</summary>
    public static bool Suits(DaySplit split) => split.EndDay - split.FirstDay >= 28;

    public static async Task<IReadOnlyList<TopItem>> GetAsync(
        SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<string> userIds, DaySplit split, TopKind kind, int limit, CancellationToken cancellationToken)
    {
        var (innerMonths, partialDays) = Buckets(split);
        var bounds = await ReadBoundsAsync(connection, transaction, userIds, split, kind, cancellationToken);
        var candidates = bounds.OrderByDescending(b => b.Value).ThenBy(b => b.Key, StringComparer.Ordinal).ToList();

        var spellings = new List<TopSpelling>();
        var exactPlays = new Dictionary<string, long>(StringComparer.Ordinal);
        var next = 0;
        var batch = Math.Max(FirstBatch, limit * 2);
        while (next < candidates.Count)
        {
            if (exactPlays.Count(p => p.Value > 0) >= limit)
            {
                var lastPlace = exactPlays.Values.Where(p => p > 0).OrderByDescending(p => p).ElementAt(limit - 1);
                if (candidates[next].Value < lastPlace)
                {
                    break;
                }
            }

            var keys = candidates.Skip(next).Take(batch).Select(c => c.Key).ToList();
            next += keys.Count;
            batch *= 2;
            foreach (var key in keys)
            {
                exactPlays[key] = 0;
            }

            foreach (var spelling in await ReadExactAsync(connection, transaction, userIds, split, innerMonths, partialDays, kind, keys, cancellationToken))
            {
                exactPlays[spelling.Id.Key] += spelling.Plays;
                spellings.Add(spelling);
            }
        }

        return TopSpellingRanking.Rank(spellings, kind, limit);
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

    /// <summary>Per key: its plays in every year or month the range touches plus its edge plays.</summary>
    private static async Task<Dictionary<string, long>> ReadBoundsAsync(
        SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<string> userIds, DaySplit split, TopKind kind, CancellationToken cancellationToken)
    {
        var (keyColumn, _, _, extraFilter) = SqlitePlayStore.Columns(kind);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        var users = AddUserIds(command, userIds);
        AddEdges(command, split);
        command.Parameters.AddWithValue("@kind", (int)kind);
        var (level, coverFrom, coverTo) = Cover(split);
        command.Parameters.AddWithValue("@cover_from", coverFrom);
        command.Parameters.AddWithValue("@cover_to", coverTo);
        command.CommandText = $"""
            SELECT key, SUM(plays) FROM {level.Table}
            WHERE user_id IN ({users}) AND kind = @kind AND {level.BucketColumn} >= @cover_from AND {level.BucketColumn} < @cover_to GROUP BY key
            UNION ALL
            SELECT {keyColumn}, COUNT(*) FROM plays WHERE user_id IN ({users}) AND played_at >= @from AND played_at < @days_from{extraFilter} GROUP BY {keyColumn}
            UNION ALL
            SELECT {keyColumn}, COUNT(*) FROM plays WHERE user_id IN ({users}) AND played_at >= @days_to AND played_at < @to{extraFilter} GROUP BY {keyColumn}
            """;
        var bounds = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var key = reader.GetString(0);
            bounds[key] = bounds.GetValueOrDefault(key) + reader.GetInt64(1);
        }

        return bounds;
    }

    /// <summary>The keys' exact spellings in the range: whole months' rows, the partial months' day rows inside it, the edge plays.</summary>
    private static async Task<List<TopSpelling>> ReadExactAsync(
        SqliteConnection connection,
        SqliteTransaction transaction,
        IReadOnlyList<string> userIds,
        DaySplit split,
        IReadOnlyList<long> innerMonths,
        IReadOnlyList<long> partialDays,
        TopKind kind,
        IReadOnlyList<string> keys,
        CancellationToken cancellationToken)
    {
        var (keyColumn, nameColumn, artistColumn, extraFilter) = SqlitePlayStore.Columns(kind);
        // The artist kind's rollup rows hold '' as artist; the edge plays say the same so their spellings meet.
        artistColumn = kind == TopKind.Artists ? "''" : artistColumn;
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        var users = AddUserIds(command, userIds);
        AddEdges(command, split);
        command.Parameters.AddWithValue("@kind", (int)kind);
        var keyList = List(command, "k", keys.Cast<object>().ToList());
        // Listing the months and days (not a range) lets SQLite look up each (bucket, key) pair on the primary key.
        var monthList = List(command, "m", innerMonths.Cast<object>().ToList());
        var dayList = List(command, "d", partialDays.Cast<object>().ToList());
        command.CommandText = $"""
            SELECT key, name, artist, plays, ms, first_at, last_at FROM play_month_rollups
            WHERE user_id IN ({users}) AND kind = @kind AND month IN ({monthList}) AND key IN ({keyList})
            UNION ALL
            SELECT key, name, artist, plays, ms, first_at, last_at FROM play_day_rollups
            WHERE user_id IN ({users}) AND kind = @kind AND day IN ({dayList}) AND key IN ({keyList})
            UNION ALL
            SELECT {keyColumn}, {nameColumn}, {artistColumn}, 1, ms_played, played_at, played_at FROM plays
            WHERE user_id IN ({users}) AND played_at >= @from AND played_at < @days_from AND {keyColumn} IN ({keyList}){extraFilter}
            UNION ALL
            SELECT {keyColumn}, {nameColumn}, {artistColumn}, 1, ms_played, played_at, played_at FROM plays
            WHERE user_id IN ({users}) AND played_at >= @days_to AND played_at < @to AND {keyColumn} IN ({keyList}){extraFilter}
            """;
        var spellings = new List<TopSpelling>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            spellings.Add(new TopSpelling
            {
                Id = new TopSpellingKey { Key = reader.GetString(0), Name = reader.GetString(1), ArtistName = reader.GetString(2) },
                Plays = reader.GetInt32(3),
                MsPlayed = reader.GetInt64(4),
                FirstPlayedAt = MongoTime.ToBson(FromMs(reader.GetInt64(5))),
                LastPlayedAt = MongoTime.ToBson(FromMs(reader.GetInt64(6))),
            });
        }

        return spellings;
    }

    private static void AddEdges(SqliteCommand command, DaySplit split)
    {
        command.Parameters.AddWithValue("@from", split.FromMs);
        command.Parameters.AddWithValue("@days_from", split.DaysFromMs);
        command.Parameters.AddWithValue("@days_to", split.DaysToMs);
        command.Parameters.AddWithValue("@to", split.ToMs);
    }

    // An empty list still parses ("IN (NULL)" matches nothing).
    private static string List(SqliteCommand command, string prefix, IReadOnlyList<object> values)
    {
        if (values.Count == 0)
        {
            return "NULL";
        }

        var names = new string[values.Count];
        for (var i = 0; i < values.Count; i++)
        {
            names[i] = $"@{prefix}{i}";
            command.Parameters.AddWithValue(names[i], values[i]);
        }

        return string.Join(", ", names);
    }
}
