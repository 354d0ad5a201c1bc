namespace SpotifyLocal.Core.Tracking;

/// <summary>
/// When to poll a user next. Recently-played only exposes the newest 50 plays. A play usually counts after 30 s,
/// so 51 plays usually need more than 50 × 30 s = 25 min (<see cref="MaxSafeInterval"/>); but a track that reaches
/// its end is listed even when shorter (spotify/web-api#1441), so there is no hard lower bound. The schedule polls
/// again soon after new plays — at the active interval, or sooner when the last full page shows 50 plays in less
/// time (<see cref="AfterNewPlays(TimeSpan?)"/>) — backs off while the user is idle, and never waits longer than
/// <see cref="TrackingOptions.MaxPollInterval"/> (20 min by default). The bound that remains: right after an idle
/// spell, more than 50 plays ending within one maximum interval (tracks averaging under 24 s) lose the excess.
/// </summary>
public sealed class PollSchedule(TrackingOptions options)
{
    /// <summary>The shortest play recently-played lists (it needs more than 30 s of listening).</summary>
    public static readonly TimeSpan MinimumListedPlay = TimeSpan.FromSeconds(30);

    /// <summary>How many plays recently-played can reach.</summary>
    public const int Window = 50;

    /// <summary>The longest gap that cannot lose a play: 50 × 30 s.</summary>
    public static readonly TimeSpan MaxSafeInterval = MinimumListedPlay * Window;

    private readonly TimeSpan _max = options.MaxPollInterval < MaxSafeInterval ? options.MaxPollInterval : MaxSafeInterval;

    /// <summary>The soonest next poll: even a burst of very short tracks polls at most this often.</summary>
    public static readonly TimeSpan MinimumInterval = TimeSpan.FromMinutes(1);

    /// <summary>
    /// After a poll that stored new plays: the user is listening. <paramref name="windowSpan"/> is the time between the
    /// oldest and newest play of a full page: the next poll comes within half of it, so about 25 plays end between
    /// polls at the current pace and the window can absorb the pace doubling.
    /// </summary>
    public TimeSpan AfterNewPlays(TimeSpan? windowSpan = null)
    {
        var interval = Cap(options.ActivePollInterval);
        if (windowSpan is { } span && span / 2 < interval)
        {
            interval = span / 2 > MinimumInterval ? span / 2 : MinimumInterval;
        }

        return interval;
    }

    /// <summary>After <paramref name="consecutiveEmptyPolls"/> polls in a row found nothing new (1 for the first).</summary>
    public TimeSpan AfterEmptyPoll(int consecutiveEmptyPolls)
    {
        var factor = Math.Pow(options.IdleBackoffFactor, Math.Clamp(consecutiveEmptyPolls, 0, 64));
        return Cap(Scale(options.ActivePollInterval, factor));
    }

    /// <summary>After <paramref name="consecutiveFailures"/> failed polls in a row (1 for the first): retry sooner than idle, never later than the bound.</summary>
    public TimeSpan AfterFailure(int consecutiveFailures)
    {
        var factor = Math.Pow(2, Math.Clamp(consecutiveFailures - 1, 0, 32));
        return Cap(Scale(options.FailureRetryDelay, factor));
    }

    private TimeSpan Cap(TimeSpan interval) => interval < _max ? interval : _max;

    private static TimeSpan Scale(TimeSpan interval, double factor) =>
        factor >= TimeSpan.MaxValue.Ticks / (double)Math.Max(1, interval.Ticks) ? TimeSpan.MaxValue : TimeSpan.FromTicks((long)(interval.Ticks * factor));
}
