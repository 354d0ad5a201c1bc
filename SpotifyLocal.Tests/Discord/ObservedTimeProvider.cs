using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace SpotifyLocal.Tests.Discord;

/// <summary>
/// A FakeTimeProvider that reports each timer it creates, so a test can wait until the code under test is actually
/// waiting (a heartbeat, a retry_after, a reconnect delay) before advancing the clock: no sleeps, no races.
/// </summary>
public sealed class ObservedTimeProvider : FakeTimeProvider
{
    private readonly Channel<TimeSpan> _timers = Channel.CreateUnbounded<TimeSpan>();
    private readonly List<TimeSpan> _created = [];

    public ObservedTimeProvider() => Unobserved = new UnobservedClock(this);

    public ObservedTimeProvider(DateTimeOffset start)
        : base(start) => Unobserved = new UnobservedClock(this);

    /// <summary>
    /// The same clock without the reporting, for a fake server's own deadlines: they are not waits of the code under test
    /// and must not be what <see cref="NextTimerAsync"/> finds.
    /// </summary>
    public TimeProvider Unobserved { get; }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        lock (_created)
        {
            _created.Add(dueTime);
        }

        _timers.Writer.TryWrite(dueTime);
        return timer;
    }

    /// <summary>The due time of every timer created so far, to show a wait was never even started.</summary>
    public IReadOnlyList<TimeSpan> TimersCreated
    {
        get { lock (_created) { return [.. _created]; } }
    }

    private ITimer CreateUnobservedTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        base.CreateTimer(callback, state, dueTime, period);

    /// <summary>Waits for the next timer whose due time matches (earlier ones are skipped) and returns its due time.</summary>
    public async Task<TimeSpan> NextTimerAsync(Func<TimeSpan, bool> match, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(15));
        while (true)
        {
            var due = await _timers.Reader.ReadAsync(timeout.Token);
            if (match(due))
            {
                return due;
            }
        }
    }

    private sealed class UnobservedClock(ObservedTimeProvider clock) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => clock.GetUtcNow();

        public override long GetTimestamp() => clock.GetTimestamp();

        public override long TimestampFrequency => clock.TimestampFrequency;

        public override TimeZoneInfo LocalTimeZone => clock.LocalTimeZone;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
            clock.CreateUnobservedTimer(callback, state, dueTime, period);
    }
}
