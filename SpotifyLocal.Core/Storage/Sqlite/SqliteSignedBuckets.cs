using static SpotifyLocal.Core.Storage.Sqlite.SqliteValues;

namespace SpotifyLocal.Core.Storage.Sqlite;

/// <summary>
/// The whole UTC days of a split range (<see cref="PlayDayRollups.Split"/>) as signed year, month and day rollup rows:
/// summing each row times its sign gives exactly the plays, time and per-spelling counts of those days, with fewer rows
/// per key than adding whole months and days. First and last plays don't subtract: readers take them from the added
/// rows and look them up where those fall outside the range (<see cref="SqliteBoundedTopList"/>).
/// </summary>
internal static class SqliteSignedBuckets
{
    private enum Grain
    {
        Day,
        Month,
        Year,
    }

    /// <summary>
    /// The signed rows of <paramref name="split"/>'s whole days; a side with no play of the users beyond it
    /// (<paramref name="bounds"/>) takes whole buckets past its end for free.
    /// </summary>
    public static IReadOnlyList<(SqliteRollupLevel Level, long Bucket, int Sign)> Of(DaySplit split, PlayBounds bounds) => Decompose(
        split.FirstDay,
        split.EndDay,
        freeStart: bounds.Earliest is not { } earliest || earliest.ToUnixTimeMilliseconds() >= split.DaysFromMs,
        freeEnd: bounds.Latest is not { } latest || latest.ToUnixTimeMilliseconds() < split.DaysToMs);

    /// <summary>
    /// The whole days [<paramref name="firstDay"/>, <paramref name="endDay"/>) as signed year, month and day buckets, as
    /// few as it takes: at each grain, each end of the span either rounds inward (the part up to the next boundary is
    /// added from finer buckets) or outward (the whole bucket is added and the part outside the span taken away, at no
    /// cost where no play lies beyond that end), whichever needs fewer buckets. Every day inside counts once, every day
    /// outside nets to zero (or holds no play).
    /// </summary>
    public static IReadOnlyList<(SqliteRollupLevel Level, long Bucket, int Sign)> Decompose(long firstDay, long endDay, bool freeStart, bool freeEnd) =>
        DecomposeAt(firstDay, endDay, Grain.Year, freeStart, freeEnd, 1);

    private static List<(SqliteRollupLevel Level, long Bucket, int Sign)> DecomposeAt(long from, long to, Grain grain, bool freeStart, bool freeEnd, int sign)
    {
        if (from >= to)
        {
            return [];
        }

        if (grain == Grain.Day)
        {
            var days = new List<(SqliteRollupLevel, long, int)>();
            for (var day = from; day < to; day++)
            {
                days.Add((SqlitePlayRollups.Days, day, sign));
            }

            return days;
        }

        var finer = grain - 1;
        var best = DecomposeAt(from, to, finer, freeStart, freeEnd, sign);
        foreach (var outwardStart in new[] { false, true })
        {
            foreach (var outwardEnd in new[] { false, true })
            {
                var start = outwardStart ? Floor(grain, from) : Ceiling(grain, from);
                var end = outwardEnd ? Ceiling(grain, to) : Floor(grain, to);
                if (start >= end)
                {
                    continue;
                }

                var parts = new List<(SqliteRollupLevel Level, long Bucket, int Sign)>();
                for (var bucket = start; bucket < end; bucket = Next(grain, bucket))
                {
                    parts.Add((Level(grain), bucket, sign));
                }

                if (outwardStart)
                {
                    parts.AddRange(freeStart ? [] : DecomposeAt(start, from, finer, false, false, -sign));
                }
                else
                {
                    parts.AddRange(DecomposeAt(from, start, finer, freeStart, false, sign));
                }

                if (outwardEnd)
                {
                    parts.AddRange(freeEnd ? [] : DecomposeAt(to, end, finer, false, false, -sign));
                }
                else
                {
                    parts.AddRange(DecomposeAt(end, to, finer, false, freeEnd, sign));
                }

                if (parts.Count < best.Count)
                {
                    best = parts;
                }
            }
        }

        return best;
    }

    private static SqliteRollupLevel Level(Grain grain) => grain switch
    {
        Grain.Year => SqlitePlayRollups.Years,
        Grain.Month => SqlitePlayRollups.Months,
        _ => SqlitePlayRollups.Days,
    };

    private static long Floor(Grain grain, long day) => grain switch
    {
        Grain.Year => PlayDayRollups.YearStartOf(day),
        Grain.Month => PlayDayRollups.MonthStartOf(day),
        _ => day,
    };

    private static long Next(Grain grain, long start) => grain switch
    {
        Grain.Year => PlayDayRollups.NextYearStart(start),
        Grain.Month => PlayDayRollups.NextMonthStart(start),
        _ => start + 1,
    };

    private static long Ceiling(Grain grain, long day) => Floor(grain, day) is var floor && floor == day ? day : Next(grain, floor);

    /// <summary>
    /// The rows (k, n, a, plays, ms, first_at, last_at, s) of one kind whose sums per key (and per spelling) are exactly
    /// its plays and time in the split range: the <paramref name="terms"/> rows with plays and time times their sign
    /// <c>s</c>, and the plays of the two partial edge days (<c>@from</c>, <c>@days_from</c>, <c>@days_to</c>,
    /// <c>@to</c>). A key has plays in the range exactly when its sum is above zero; first and last plays are only
    /// meaningful on rows with <c>s &gt; 0</c>. <paramref name="keys"/>, when given, is an SQL list limiting the keys.
    /// </summary>
    public static string RowsSql(IReadOnlyList<(SqliteRollupLevel Level, long Bucket, int Sign)> terms, TopKind kind, string users, string? keys = null)
    {
        var (keyColumn, nameColumn, artistColumn, extraFilter) = SqlitePlayStore.Columns(kind);
        // The artist kind's rollup rows hold '' as artist; the edge plays say the same so their spellings meet.
        artistColumn = kind == TopKind.Artists ? "''" : artistColumn;
        var keyFilter = keys is null ? string.Empty : $" AND key IN ({keys})";
        var edgeKeyFilter = keys is null ? string.Empty : $" AND {keyColumn} IN ({keys})";
        // Listing the buckets (not a range) lets SQLite look up each (bucket, key) pair on the primary key.
        var parts = terms.GroupBy(t => (t.Level, t.Sign)).Select(group => $"""
            SELECT key AS k, name AS n, artist AS a, {group.Key.Sign} * plays AS plays, {group.Key.Sign} * ms AS ms, first_at, last_at, {group.Key.Sign} AS s
            FROM {group.Key.Level.Table}
            WHERE user_id IN ({users}) AND kind = {(int)kind} AND {group.Key.Level.BucketColumn} IN ({Literals(group.Select(t => t.Bucket))}){keyFilter}
            """).ToList();
        parts.Add($"""
            SELECT {keyColumn}, {nameColumn}, {artistColumn}, 1, ms_played, played_at, played_at, 1 FROM plays
            WHERE user_id IN ({users}) AND played_at >= @from AND played_at < @days_from{extraFilter}{edgeKeyFilter}
            UNION ALL
            SELECT {keyColumn}, {nameColumn}, {artistColumn}, 1, ms_played, played_at, played_at, 1 FROM plays
            WHERE user_id IN ({users}) AND played_at >= @days_to AND played_at < @to{extraFilter}{edgeKeyFilter}
            """);
        return string.Join("\nUNION ALL\n", parts);
    }
}
