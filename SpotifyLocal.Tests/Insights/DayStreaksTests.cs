using SpotifyLocal.Core.Insights;
using SpotifyLocal.Core.Storage;

namespace SpotifyLocal.Tests.Insights;

public sealed class DayStreaksTests
{
    private static readonly DateOnly Today = new(2026, 5, 20);

    [Fact]
    public void The_current_streak_ends_today_or_yesterday_and_the_longest_is_the_latest_on_a_tie()
    {
        DateOnly[] days = [new(2026, 5, 1), new(2026, 5, 2), new(2026, 5, 10), new(2026, 5, 11), new(2026, 5, 19)];

        var (current, longest) = DayStreaks.Of(days, Today);

        Assert.Equal(new Streak(new(2026, 5, 19), new(2026, 5, 19)), current);
        Assert.Equal(new Streak(new(2026, 5, 10), new(2026, 5, 11)), longest);
    }

    [Fact]
    public void Two_days_ago_is_no_current_streak_and_days_after_today_do_not_count()
    {
        DateOnly[] days = [new(2026, 5, 17), new(2026, 5, 18), new(2026, 5, 18), new(2026, 5, 21)];

        var (current, longest) = DayStreaks.Of(days, Today);

        Assert.Null(current);
        Assert.Equal(2, longest!.Days);
    }

    [Fact]
    public void Berlin_offsets_change_at_the_two_daylight_saving_instants_of_2026()
    {
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

        var offsets = LocalDayOffsets.For(berlin, new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), new(2027, 1, 1, 0, 0, 0, TimeSpan.Zero));

        Assert.Equal(
            [
                new UtcOffsetSpan(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds(), 3_600_000),
                new UtcOffsetSpan(new DateTimeOffset(2026, 3, 29, 1, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds(), 7_200_000),
                new UtcOffsetSpan(new DateTimeOffset(2026, 10, 25, 1, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds(), 3_600_000),
            ],
            offsets.Spans);
        // 22:10Z on 29 March is 00:10 on the 30th in Berlin.
        Assert.Equal(new DateOnly(2026, 3, 30), LocalDayOffsets.DateOf(offsets.DayNumberOf(new DateTimeOffset(2026, 3, 29, 22, 10, 0, TimeSpan.Zero).ToUnixTimeMilliseconds())));
    }
}
