using SpotifyLocal.Core.Stats;
using SpotifyLocal.Core.Storage;

namespace SpotifyLocal.Tests.Stats;

public sealed class PeriodsTests
{
    private static readonly TimeZoneInfo Berlin = Zone("Europe/Berlin");
    private static readonly TimeZoneInfo NewYork = Zone("America/New_York");
    private static readonly TimeZoneInfo Tokyo = Zone("Asia/Tokyo");
    private static readonly TimeZoneInfo Sydney = Zone("Australia/Sydney");
    private static readonly TimeZoneInfo Santiago = Zone("America/Santiago");

    private static readonly DateTimeOffset Now = Utc("2026-03-31T10:00:00Z");

    [Fact]
    public void Month_is_today_and_the_29_local_days_before_it_across_a_dst_change()
    {
        var period = Periods.Parse("month", Berlin, Now);

        // Berlin switched to summer time on 29 March; 2 March started at 23:00 UTC in winter time.
        Assert.Equal(Utc("2026-03-01T23:00:00Z"), period.From);
        Assert.Equal(Now, period.To);
        Assert.Equal("last 30 days", period.Label);
        Assert.Equal(new DateOnly(2026, 3, 2), period.FirstLocalDay);
        Assert.Equal(new DateOnly(2026, 3, 31), period.LastLocalDay);
    }

    [Theory]
    [InlineData("week", "2026-03-24T23:00:00Z")]
    [InlineData("WEEK", "2026-03-24T23:00:00Z")]
    [InlineData(" year ", "2025-03-31T22:00:00Z")]
    public void Rolling_periods_start_at_a_local_midnight(string text, string expectedFrom)
    {
        var period = Periods.Parse(text, Berlin, Now);

        Assert.Equal(Utc(expectedFrom), period.From);
        Assert.Equal(Now, period.To);
    }

    [Fact]
    public void The_same_rolling_period_starts_at_different_instants_in_different_zones()
    {
        Assert.Equal(Utc("2026-03-25T00:00:00Z"), Periods.Parse("week", TimeZoneInfo.Utc, Now).From);
        Assert.Equal(Utc("2026-03-24T15:00:00Z"), Periods.Parse("week", Tokyo, Now).From);
        Assert.Equal(Utc("2026-03-25T04:00:00Z"), Periods.Parse("week", NewYork, Now).From);
    }

    [Fact]
    public void A_year_covers_local_new_year_to_local_new_year()
    {
        var period = Periods.Parse("2026", NewYork, Now);

        Assert.Equal(Utc("2026-01-01T05:00:00Z"), period.From);
        Assert.Equal(Utc("2027-01-01T05:00:00Z"), period.To);
        Assert.Equal("2026", period.Label);
    }

    [Fact]
    public void A_month_with_spring_forward_is_an_hour_short()
    {
        var period = Periods.Parse("2026-03", Berlin, Now);

        Assert.Equal(Utc("2026-02-28T23:00:00Z"), period.From);
        Assert.Equal(Utc("2026-03-31T22:00:00Z"), period.To);
        Assert.Equal(TimeSpan.FromDays(31) - TimeSpan.FromHours(1), period.To - period.From);
        Assert.Equal("March 2026", period.Label);
    }

    [Fact]
    public void A_month_with_fall_back_is_an_hour_long()
    {
        var period = Periods.Parse("2026-10", Berlin, Now);

        Assert.Equal(Utc("2026-09-30T22:00:00Z"), period.From);
        Assert.Equal(Utc("2026-10-31T23:00:00Z"), period.To);
        Assert.Equal(TimeSpan.FromDays(31) + TimeSpan.FromHours(1), period.To - period.From);
    }

    [Fact]
    public void A_day_whose_midnight_is_skipped_starts_when_the_clock_jumps()
    {
        // Chile springs forward from Saturday 24:00 to Sunday 01:00: 6 September 2026 has no 00:00.
        var period = Periods.Parse("2026-09-06", Santiago, Now);

        Assert.Equal(Utc("2026-09-06T04:00:00Z"), period.From);
        Assert.Equal(Utc("2026-09-07T03:00:00Z"), period.To);
        Assert.Equal(TimeSpan.FromHours(23), period.To - period.From);
    }

    [Fact]
    public void A_repeated_local_time_maps_to_its_first_occurrence()
    {
        var instant = LocalTime.FirstInstantAtOrAfter(new DateTime(2026, 10, 25, 2, 30, 0), Berlin);

        Assert.Equal(Utc("2026-10-25T00:30:00Z"), instant);
    }

    [Fact]
    public void A_calendar_week_runs_monday_to_monday_in_local_time_across_a_dst_change()
    {
        // Sydney leaves summer time on Sunday 5 April 2026 at 03:00 local.
        var period = Periods.WeekContaining(Utc("2026-04-01T12:00:00Z"), Sydney);

        Assert.Equal(Utc("2026-03-29T13:00:00Z"), period.From);
        Assert.Equal(Utc("2026-04-05T14:00:00Z"), period.To);
        Assert.Equal(TimeSpan.FromDays(7) + TimeSpan.FromHours(1), period.To - period.From);
        Assert.Equal(new DateOnly(2026, 3, 30), period.FirstLocalDay);
        Assert.Equal(DayOfWeek.Monday, period.FirstLocalDay.DayOfWeek);
        Assert.Equal(DayOfWeek.Sunday, period.LastLocalDay.DayOfWeek);
        Assert.Equal("2026-W14 (30 Mar – 5 Apr 2026)", period.Label);
    }

    [Fact]
    public void The_week_of_an_instant_depends_on_the_zone()
    {
        // Sunday 22:00 UTC is already Monday in Tokyo.
        var sunday = Utc("2026-03-29T22:00:00Z");

        Assert.Equal(new DateOnly(2026, 3, 23), Periods.WeekContaining(sunday, TimeZoneInfo.Utc).FirstLocalDay);
        Assert.Equal(new DateOnly(2026, 3, 30), Periods.WeekContaining(sunday, Tokyo).FirstLocalDay);
    }

    [Fact]
    public void The_last_completed_week_switches_at_local_monday_midnight()
    {
        var sundayNight = Utc("2026-03-29T21:30:00Z"); // 23:30 Sunday in Berlin (summer time)
        var mondayMorning = Utc("2026-03-29T22:30:00Z"); // 00:30 Monday in Berlin

        Assert.Equal(new DateOnly(2026, 3, 16), Periods.LastCompletedWeek(sundayNight, Berlin).FirstLocalDay);
        Assert.Equal(new DateOnly(2026, 3, 23), Periods.LastCompletedWeek(mondayMorning, Berlin).FirstLocalDay);
        Assert.Equal(Utc("2026-03-29T22:00:00Z"), Periods.LastCompletedWeek(mondayMorning, Berlin).To);
    }

    [Fact]
    public void An_iso_week_can_start_in_the_previous_year()
    {
        var period = Periods.Parse("2026-W01", TimeZoneInfo.Utc, Now);

        Assert.Equal(Utc("2025-12-29T00:00:00Z"), period.From);
        Assert.Equal(Utc("2026-01-05T00:00:00Z"), period.To);
    }

    [Theory]
    [InlineData("2026-01-01..2026-03-31", "2026-01-01T00:00:00Z", "2026-04-01T00:00:00Z", "2026-01-01 – 2026-03-31")]
    [InlineData("2025-11..2026-02", "2025-11-01T00:00:00Z", "2026-03-01T00:00:00Z", "2025-11 – 2026-02")]
    [InlineData("2024..2025", "2024-01-01T00:00:00Z", "2026-01-01T00:00:00Z", "2024 – 2025")]
    [InlineData("2026-03..", "2026-03-01T00:00:00Z", "2026-03-31T10:00:00Z", "since 2026-03")]
    [InlineData("..2025", "2000-01-01T00:00:00Z", "2026-01-01T00:00:00Z", "until 2025")]
    [InlineData("2026-03-05..2026-03-05", "2026-03-05T00:00:00Z", "2026-03-06T00:00:00Z", "2026-03-05 – 2026-03-05")]
    public void Ranges_include_their_last_day(string text, string from, string to, string label)
    {
        var period = Periods.Parse(text, TimeZoneInfo.Utc, Now);

        Assert.Equal(Utc(from), period.From);
        Assert.Equal(Utc(to), period.To);
        Assert.Equal(label, period.Label);
    }

    [Fact]
    public void All_time_is_open_ended()
    {
        var period = Periods.Parse("all", Berlin, Now);

        Assert.True(period.IsAllTime);
        Assert.Equal(PlayScope.Beginning, period.From);
        Assert.Equal(PlayScope.End, period.To);
    }

    [Theory]
    [InlineData("", "No period given")]
    [InlineData("fortnight", "“fortnight” is not a period")]
    [InlineData("2026-13", "the month must be 01 to 12")]
    [InlineData("2026-02-30", "February 2026 has days 01 to 28")]
    [InlineData("2026-W54", "2026 has ISO weeks 1 to 53")]
    [InlineData("1999", "the year must be between 2000 and 2199")]
    [InlineData("2026-03-01..2026-02-01", "starts after it ends")]
    [InlineData("..", "has no start and no end")]
    [InlineData("2024..2025..2026", "more than one “..”")]
    [InlineData("2026-1-1x", "is not a period")]
    public void Bad_periods_are_refused_with_a_reason(string text, string reason)
    {
        var error = Assert.Throws<PeriodParseException>(() => Periods.Parse(text, TimeZoneInfo.Utc, Now));

        Assert.Contains(reason, error.Message);
    }

    [Fact]
    public void Unknown_time_zones_fall_back_to_utc()
    {
        Assert.Same(TimeZoneInfo.Utc, UserTimeZones.FindOrUtc("Mars/Olympus_Mons"));
        Assert.Same(TimeZoneInfo.Utc, UserTimeZones.FindOrUtc(null));
        Assert.Equal("Europe/Berlin", UserTimeZones.FindOrUtc("Europe/Berlin").Id);
    }

    private static TimeZoneInfo Zone(string id) => TimeZoneInfo.FindSystemTimeZoneById(id);

    private static DateTimeOffset Utc(string iso) => DateTimeOffset.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);
}
