using Microsoft.Extensions.Options;
using SpotifyLocal.Core.Summaries;

namespace SpotifyLocal.Tests.Summaries;

public sealed class WeeklyScheduleTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    private static WeeklySchedule Schedule(Action<SummariesOptions>? configure = null)
    {
        var options = new SummariesOptions();
        configure?.Invoke(options);
        return new WeeklySchedule(Options.Create(options));
    }

    [Fact]
    public void After_the_spring_change_the_slot_is_nine_local_which_is_seven_utc()
    {
        // Week 23–29 March 2026; clocks went forward on Sunday 29 March.
        var due = Schedule().DueWeek(new DateTimeOffset(2026, 3, 30, 7, 0, 0, TimeSpan.Zero), Berlin);

        Assert.NotNull(due);
        Assert.Equal("2026-03-23", due.Key);
        Assert.Equal(new DateTimeOffset(2026, 3, 30, 7, 0, 0, TimeSpan.Zero), due.Slot);
    }

    [Fact]
    public void After_the_autumn_change_the_slot_is_nine_local_which_is_eight_utc()
    {
        var schedule = Schedule();

        var early = schedule.DueWeek(new DateTimeOffset(2026, 10, 26, 7, 59, 0, TimeSpan.Zero), Berlin);
        var due = schedule.DueWeek(new DateTimeOffset(2026, 10, 26, 8, 0, 0, TimeSpan.Zero), Berlin);

        Assert.NotEqual("2026-10-19", early?.Key);
        Assert.Equal("2026-10-19", due?.Key);
        Assert.Equal(new DateTimeOffset(2026, 10, 26, 8, 0, 0, TimeSpan.Zero), due?.Slot);
    }

    [Fact]
    public void A_missed_slot_is_due_within_the_catch_up_window_and_skipped_after_it()
    {
        var schedule = Schedule(o => o.CatchUpWindow = TimeSpan.FromHours(12));

        var within = schedule.DueWeek(new DateTimeOffset(2026, 3, 30, 18, 59, 0, TimeSpan.Zero), Berlin);
        var after = schedule.DueWeek(new DateTimeOffset(2026, 3, 30, 19, 1, 0, TimeSpan.Zero), Berlin);
        var muchLater = schedule.DueWeek(new DateTimeOffset(2026, 4, 3, 12, 0, 0, TimeSpan.Zero), Berlin);

        Assert.Equal("2026-03-23", within?.Key);
        Assert.Null(after);
        Assert.Null(muchLater);
    }

    [Fact]
    public void Post_day_and_time_are_configurable_and_follow_the_targets_zone()
    {
        var schedule = Schedule(o => { o.PostDay = DayOfWeek.Sunday; o.PostTime = new TimeSpan(20, 30, 0); });
        var tokyo = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");

        // Week 23–29 March in Tokyo is posted the following Sunday, 5 April, 20:30 JST = 11:30 UTC.
        var due = schedule.DueWeek(new DateTimeOffset(2026, 4, 5, 11, 30, 0, TimeSpan.Zero), tokyo);

        Assert.Equal("2026-03-23", due?.Key);
        Assert.Equal(new DateTimeOffset(2026, 4, 5, 11, 30, 0, TimeSpan.Zero), due?.Slot);
    }
}
