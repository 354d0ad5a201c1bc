using SpotifyLocal.Core.Stats;
using SpotifyLocal.Core.Storage;

namespace SpotifyLocal.Tests.Storage;

/// <summary>How <see cref="PlayDayRollups.Split"/> cuts a local period into edge plays, whole UTC days and whole UTC months.</summary>
public sealed class PlayDayRollupsTests
{
    // Day numbers (days since 1970-01-01) worked out by hand: 2025-01-01 is 20089, 2025-12-01 is 20423, 2025-12-31 is 20453.
    private const long Jan1 = 20_089;
    private const long Dec1 = 20_423;
    private const long Dec31 = 20_453;

    [Fact]
    public void A_calendar_year_in_Kolkata_reads_eleven_whole_months_thirty_days_and_two_edges()
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata");
        var year = Periods.Parse("2025", zone, new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero));

        var split = PlayDayRollups.Split(new PlayScope(["u"], year.From, year.To))!;

        // Local midnight 2025-01-01 is 2024-12-31 18:30 UTC: 5.5 hours of edge plays, then whole UTC days from 1 January.
        Assert.Equal(new DateTimeOffset(2024, 12, 31, 18, 30, 0, TimeSpan.Zero).ToUnixTimeMilliseconds(), split.FromMs);
        Assert.Equal(Jan1, split.FirstDay);
        Assert.Equal(Jan1, split.MonthsFrom);
        // December ends at 2025-12-31 18:30 UTC, so December is not a whole UTC month: its first 30 days come from day rows.
        Assert.Equal(Dec1, split.MonthsTo);
        Assert.Equal(Dec31, split.EndDay);
        Assert.Equal(new DateTimeOffset(2025, 12, 31, 18, 30, 0, TimeSpan.Zero).ToUnixTimeMilliseconds(), split.ToMs);
        Assert.True(split.HasMonths);
    }

    [Fact]
    public void A_range_without_a_whole_UTC_month_reads_every_whole_day_from_the_day_rows()
    {
        var from = new DateTimeOffset(2025, 1, 15, 12, 0, 0, TimeSpan.Zero);
        var to = new DateTimeOffset(2025, 2, 20, 0, 0, 0, TimeSpan.Zero);

        var split = PlayDayRollups.Split(new PlayScope(["u"], from, to))!;

        Assert.False(split.HasMonths);
        Assert.Equal(Jan1 + 15, split.FirstDay);
        Assert.Equal(Jan1 + 31 + 19, split.EndDay);
        Assert.Equal(split.EndDay, split.MonthsFrom);
        Assert.Equal(split.EndDay, split.MonthsTo);
    }

    [Fact]
    public void A_year_so_far_ending_after_the_last_play_reads_the_current_month_whole_from_its_month_row()
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        var now = new DateTimeOffset(2026, 3, 31, 10, 0, 0, TimeSpan.Zero);
        // 2026-01-01 is day 20454, 2026-03-01 day 20513, 2026-04-01 day 20544.
        var scope = new PlayScope(["u"], LocalTime.StartOfDay(new DateOnly(2026, 1, 1), zone), now);

        var plain = PlayDayRollups.Split(scope)!;
        var widened = PlayDayRollups.Split(scope, new DateTimeOffset(2024, 5, 3, 0, 0, 0, TimeSpan.Zero), now.AddMinutes(-1))!;
        var playInTheFuture = PlayDayRollups.Split(scope, null, now.AddDays(2))!;

        // Without the bounds March is read day by day up to the 30th, then the plays of the 31st up to now.
        Assert.Equal((20_454L, 20_513L, 20_543L), (plain.MonthsFrom, plain.MonthsTo, plain.EndDay));
        Assert.Equal(now.ToUnixTimeMilliseconds(), plain.ToMs);
        // No play after the latest one: March's month row holds only plays before now, so it answers the whole month.
        Assert.Equal((20_454L, 20_544L, 20_544L), (widened.MonthsFrom, widened.MonthsTo, widened.EndDay));
        Assert.Equal(20_544L * PlayDayRollups.DayMs, widened.ToMs);
        // The start is not widened: a play before it exists (1 January 00:00 Berlin is 31 December 23:00 UTC).
        Assert.Equal(scope.From.ToUnixTimeMilliseconds(), widened.FromMs);
        // A stored play after the end keeps the end where it is.
        Assert.Equal(plain, playInTheFuture);
    }

    [Fact]
    public void Months_and_days_are_the_UTC_calendar_ones_in_a_leap_February()
    {
        var lastOfFebruary = new DateTimeOffset(2024, 2, 29, 23, 59, 59, 999, TimeSpan.Zero);

        Assert.Equal(19_754, PlayDayRollups.MonthOf(lastOfFebruary)); // 2024-02-01
        Assert.Equal(19_782, PlayDayRollups.DayOf(lastOfFebruary)); // 2024-02-29
        Assert.Equal(19_754 + 29, PlayDayRollups.NextMonthStart(19_754)); // 2024-03-01
    }
}
