namespace SpotifyLocal.Core.Storage;

/// <summary>A range cut at UTC midnights: plays in [FromMs, FirstDay·day) and [EndDay·day, ToMs), day rows of [FirstDay, EndDay).</summary>
public sealed record DaySplit(long FromMs, long FirstDay, long EndDay, long ToMs)
{
    public long DaysFromMs => FirstDay * PlayDayRollups.DayMs;

    public long DaysToMs => EndDay * PlayDayRollups.DayMs;
}
