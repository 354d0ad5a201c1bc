namespace SpotifyLocal.Core.Storage;

/// <summary>
/// The per-day rollup rule both backends keep next to the all-time one (<see cref="PlayRollups"/>): each play also adds
/// to one row per kind and UTC calendar day (<see cref="DayOf"/>), keyed like <see cref="PlayRollups.KeysOf"/> plus the
/// day. A range's top list is the sum of the day rows of the whole UTC days inside it plus the raw plays of its two
/// partial edges (<see cref="Split"/>): a period in the user's zone starts and ends at a local midnight or "now", which
/// is rarely a UTC midnight (UTC+5:30, UTC+9:30, a DST switch), so the edges are read from the plays' time index and
/// the answer equals grouping the plays in the range, ties included. The same writes keep a coarser level, one row per
/// kind and UTC calendar month (<see cref="MonthOf"/>, <see cref="FoldMonths"/>), so the whole months of a long range
/// are read as 12 rows per key a year instead of 365; only the days outside whole months are read from the day rows.
/// </summary>
public static class PlayDayRollups
{
    public const long DayMs = 86_400_000;

    // DateOnly's day number of 1970-01-01.
    private static readonly int EpochDayNumber = new DateOnly(1970, 1, 1).DayNumber;

    /// <summary>The UTC day number (days since 1970-01-01) of an instant, in whole milliseconds like both backends.</summary>
    public static long DayOf(DateTimeOffset instant) => Math.DivRem(instant.ToUnixTimeMilliseconds(), DayMs, out var rest) - (rest < 0 ? 1 : 0);

    /// <summary>The UTC month of an instant, as the day number of the month's first day (the month rows' bucket).</summary>
    public static long MonthOf(DateTimeOffset instant) => MonthStartOf(DayOf(instant));

    /// <summary>The day number of the first day of the UTC month holding day number <paramref name="day"/>.</summary>
    public static long MonthStartOf(long day)
    {
        var date = DateOnly.FromDayNumber(checked((int)(EpochDayNumber + day)));
        return new DateOnly(date.Year, date.Month, 1).DayNumber - EpochDayNumber;
    }

    /// <summary>The UTC year of an instant, as the day number of its 1 January (the year rows' bucket, SQLite).</summary>
    public static long YearOf(DateTimeOffset instant) => YearStartOf(DayOf(instant));

    /// <summary>The day number of 1 January of the UTC year holding day number <paramref name="day"/>.</summary>
    public static long YearStartOf(long day) =>
        new DateOnly(DateOnly.FromDayNumber(checked((int)(EpochDayNumber + day))).Year, 1, 1).DayNumber - EpochDayNumber;

    /// <summary>The day number of 1 January of the year after the one starting at <paramref name="yearStart"/>.</summary>
    public static long NextYearStart(long yearStart) =>
        DateOnly.FromDayNumber(checked((int)(EpochDayNumber + yearStart))).AddYears(1).DayNumber - EpochDayNumber;

    /// <summary>The year rows of some plays (what the year rollups must hold over every stored play), keyed by <see cref="YearOf"/>.</summary>
    public static IReadOnlyList<PlayDayRollup> FoldYears(IEnumerable<Play> plays) =>
        [.. plays.GroupBy(p => YearOf(p.PlayedAt)).SelectMany(year => PlayRollups.Fold(year).Select(row => new PlayDayRollup(year.Key, row)))];

    /// <summary>The day number of the first day of the month after the one starting at <paramref name="monthStart"/>.</summary>
    public static long NextMonthStart(long monthStart) =>
        DateOnly.FromDayNumber(checked((int)(EpochDayNumber + monthStart))).AddMonths(1).DayNumber - EpochDayNumber;

    /// <summary>
    /// Splits [From, To) into the whole UTC days [FirstDay, EndDay) the rollups answer and the millisecond ranges
    /// [From, DaysFrom) and [DaysTo, To) read from the plays; of the whole days, the whole UTC months among them go to
    /// the month rows. Null when the range holds no whole UTC day.
    /// </summary>
    /// <remarks>
    /// Given the users' earliest and latest stored play, an end past the latest play (a period ending "now") moves out
    /// to the end of that play's UTC month, and a start at or before the earliest play back to the start of its month:
    /// no play lies in what is added, so the answer is the same, and the month rows answer the whole month instead of
    /// its days one by one.
    /// </remarks>
    public static DaySplit? Split(PlayScope scope, DateTimeOffset? earliest = null, DateTimeOffset? latest = null)
    {
        var from = scope.From.ToUnixTimeMilliseconds();
        var to = scope.To.ToUnixTimeMilliseconds();
        if (latest is { } last && last.ToUnixTimeMilliseconds() < to)
        {
            to = Math.Max(to, NextMonthStart(MonthOf(last)) * DayMs);
        }

        if (earliest is { } first && first.ToUnixTimeMilliseconds() >= from)
        {
            from = Math.Min(from, MonthOf(first) * DayMs);
        }

        var firstDay = DayOf(DateTimeOffset.FromUnixTimeMilliseconds(from)) + (from % DayMs == 0 ? 0 : 1);
        var endDay = DayOf(DateTimeOffset.FromUnixTimeMilliseconds(to));
        if (firstDay >= endDay)
        {
            return null;
        }

        var monthsFrom = MonthStartOf(firstDay);
        monthsFrom = monthsFrom == firstDay ? monthsFrom : NextMonthStart(monthsFrom);
        var monthsTo = MonthStartOf(endDay);
        return monthsFrom < monthsTo
            ? new DaySplit(from, firstDay, endDay, to, monthsFrom, monthsTo)
            : new DaySplit(from, firstDay, endDay, to);
    }

    /// <summary>The month rows of some plays (what the month rollups must hold over every stored play), keyed by <see cref="MonthOf"/>.</summary>
    public static IReadOnlyList<PlayDayRollup> FoldMonths(IEnumerable<Play> plays) =>
        [.. plays.GroupBy(p => MonthOf(p.PlayedAt)).SelectMany(month => PlayRollups.Fold(month).Select(row => new PlayDayRollup(month.Key, row)))];

    /// <summary>The day rows of some plays (what the day rollups must hold over every stored play).</summary>
    public static IReadOnlyList<PlayDayRollup> Fold(IEnumerable<Play> plays) =>
        [.. plays.GroupBy(p => DayOf(p.PlayedAt)).SelectMany(day => PlayRollups.Fold(day).Select(row => new PlayDayRollup(day.Key, row)))];
}
