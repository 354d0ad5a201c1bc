namespace SpotifyLocal.Core.Storage;

/// <summary>
/// A range cut at UTC midnights and month starts (<see cref="PlayDayRollups.Split"/>): plays in [FromMs, FirstDay·day)
/// and [EndDay·day, ToMs); the whole UTC days [FirstDay, EndDay) in between. Of those days, the whole UTC months
/// [MonthsFrom, MonthsTo) (day numbers of month starts) can be read from the month rows and the days
/// [FirstDay, MonthsFrom) and [MonthsTo, EndDay) from the day rows; without a whole month both equal EndDay.
/// </summary>
public sealed record DaySplit(long FromMs, long FirstDay, long EndDay, long ToMs, long MonthsFrom, long MonthsTo)
{
    public DaySplit(long fromMs, long firstDay, long endDay, long toMs)
        : this(fromMs, firstDay, endDay, toMs, endDay, endDay)
    {
    }

    public long DaysFromMs => FirstDay * PlayDayRollups.DayMs;

    public long DaysToMs => EndDay * PlayDayRollups.DayMs;

    /// <summary>True when the month rows answer part of the range.</summary>
    public bool HasMonths => MonthsFrom < MonthsTo;
}
