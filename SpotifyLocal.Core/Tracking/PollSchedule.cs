namespace SpotifyLocal.Core.Tracking;

/// <summary>
/// When to poll a user next. Recently-played only exposes the newest 50 plays, and a play only counts after
/// more than 30 s of listening, so 51 plays need more than 50 × 30 s = 25 min: any gap between two polls of at
/// most <see cref="MaxSafeInterval"/> sees every play. The schedule polls again soon after new plays, backs
/// off while the user is idle, and never waits longer than <see cref="TrackingOptions.MaxPollInterval"/>
/// (20 min by default, leaving 5 min for late-reported plays, ticks and slow responses).
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

    /// <summary>After a poll that stored new plays: the user is listening.</summary>
    public TimeSpan AfterNewPlays() => Cap(options.ActivePollInterval);

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
