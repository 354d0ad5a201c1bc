using SpotifyLocal.Core.Tracking;

namespace SpotifyLocal.Tests.Tracking;

public sealed class PollScheduleTests
{
    private static readonly TrackingOptions Defaults = new();

    [Fact]
    public void Fifty_plays_of_just_over_thirty_seconds_need_more_than_25_minutes()
    {
        Assert.Equal(TimeSpan.FromMinutes(25), PollSchedule.MaxSafeInterval);
    }

    [Fact]
    public void New_plays_bring_the_next_poll_forward_to_the_active_interval()
    {
        Assert.Equal(TimeSpan.FromMinutes(10), new PollSchedule(Defaults).AfterNewPlays());
    }

    [Fact]
    public void A_full_page_of_short_tracks_brings_the_next_poll_within_half_the_time_it_took()
    {
        var schedule = new PollSchedule(Defaults);

        // A 100-track, 20-minute grindcore album: 50 plays in 10 minutes.
        Assert.Equal(TimeSpan.FromMinutes(5), schedule.AfterNewPlays(TimeSpan.FromMinutes(10)));
        Assert.Equal(PollSchedule.MinimumInterval, schedule.AfterNewPlays(TimeSpan.FromSeconds(50)));
        Assert.Equal(TimeSpan.FromMinutes(10), schedule.AfterNewPlays(TimeSpan.FromHours(3)));
    }

    [Fact]
    public void Idle_users_are_polled_less_often_but_never_beyond_the_maximum()
    {
        var schedule = new PollSchedule(Defaults);

        var intervals = Enumerable.Range(1, 6).Select(schedule.AfterEmptyPoll).ToList();

        Assert.Equal(TimeSpan.FromMinutes(15), intervals[0]);
        Assert.True(intervals.Zip(intervals.Skip(1)).All(p => p.First <= p.Second));
        Assert.All(intervals.Skip(1), i => Assert.Equal(TimeSpan.FromMinutes(20), i));
    }

    [Fact]
    public void A_maximum_configured_beyond_the_safe_bound_is_capped_at_25_minutes()
    {
        var schedule = new PollSchedule(new TrackingOptions { MaxPollInterval = TimeSpan.FromHours(2), ActivePollInterval = TimeSpan.FromHours(1) });

        Assert.Equal(PollSchedule.MaxSafeInterval, schedule.AfterNewPlays());
        Assert.Equal(PollSchedule.MaxSafeInterval, schedule.AfterEmptyPoll(100));
    }

    [Fact]
    public void Failures_retry_quickly_then_double_up_to_the_maximum()
    {
        var schedule = new PollSchedule(Defaults);

        Assert.Equal(TimeSpan.FromMinutes(1), schedule.AfterFailure(1));
        Assert.Equal(TimeSpan.FromMinutes(2), schedule.AfterFailure(2));
        Assert.Equal(TimeSpan.FromMinutes(20), schedule.AfterFailure(50));
    }
}
