namespace SpotifyLocal.Core.Insights;

/// <summary>
/// The streak rules, on a set of local days with plays: the longest run of consecutive days (the latest one on a tie),
/// and the current run, which ends today or, while today has no play yet, yesterday. Days after today are ignored.
/// </summary>
public static class DayStreaks
{
    /// <summary>The current (null when broken) and longest (null without days) streaks of the days.</summary>
    public static (Streak? Current, Streak? Longest) Of(IEnumerable<DateOnly> days, DateOnly today)
    {
        Streak? run = null;
        Streak? longest = null;
        foreach (var day in days.Where(d => d <= today).Distinct().Order())
        {
            run = run is not null && run.Last.AddDays(1) == day ? run with { Last = day } : new Streak(day, day);
            if (longest is null || run.Days >= longest.Days)
            {
                longest = run;
            }
        }

        var current = run is not null && run.Last >= today.AddDays(-1) ? run : null;
        return (current, longest);
    }
}
