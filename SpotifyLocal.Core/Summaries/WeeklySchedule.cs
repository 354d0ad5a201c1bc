using Microsoft.Extensions.Options;
using SpotifyLocal.Core.Stats;

namespace SpotifyLocal.Core.Summaries;

/// <summary>
/// When a weekly summary is due: the configured day and local time after the calendar week (Monday to Sunday)
/// ended, in the target's own zone, so daylight-saving changes move the UTC instant, not the local time.
/// </summary>
public sealed class WeeklySchedule(IOptions<SummariesOptions> options)
{
    /// <summary>
    /// The latest week whose post time has passed at <paramref name="now"/>, if that was at most the catch-up window
    /// ago; null otherwise. Only one week is ever due, so a long downtime skips older weeks instead of posting them all.
    /// </summary>
    public ScheduledWeek? DueWeek(DateTimeOffset now, TimeZoneInfo zone)
    {
        var week = Periods.LastCompletedWeek(now, zone);
        var slot = SlotOf(week);
        if (slot > now)
        {
            week = Periods.WeekContaining(week.From.AddTicks(-1), zone);
            slot = SlotOf(week);
        }

        return now - slot <= options.Value.CatchUpWindow ? new ScheduledWeek(week, slot) : null;
    }

    /// <summary>The instant the week's summary is due: PostDay at PostTime local time after the week (DST gaps move it to the gap's end).</summary>
    public DateTimeOffset SlotOf(Period week)
    {
        var nextMonday = LocalTime.DateOf(week.To, week.TimeZone);
        var day = nextMonday.AddDays(((int)options.Value.PostDay + 6) % 7);
        return LocalTime.FirstInstantAtOrAfter(day.ToDateTime(TimeOnly.FromTimeSpan(options.Value.PostTime)), week.TimeZone);
    }
}
