using Microsoft.Extensions.Time.Testing;

namespace SpotifyLocal.Tests.Telegram;

/// <summary>A fake clock that tells when code under test starts waiting, so a test advances time only after that.</summary>
public sealed class TimerWatchingTimeProvider(DateTimeOffset start) : FakeTimeProvider(start)
{
    private readonly Lock _gate = new();
    private readonly List<TimeSpan> _dueTimes = [];
    private TaskCompletionSource _created = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        lock (_gate)
        {
            _dueTimes.Add(dueTime);
            var created = _created;
            _created = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            created.TrySetResult();
        }

        return timer;
    }

    /// <summary>Waits until a timer with this due time exists.</summary>
    public Task WaitForTimerAsync(TimeSpan dueTime, CancellationToken cancellationToken) => WaitForTimersAsync(dueTime, 1, cancellationToken);

    /// <summary>How many timers with this due time were created so far.</summary>
    public int TimersCreated(TimeSpan dueTime)
    {
        lock (_gate)
        {
            return _dueTimes.Count(d => d == dueTime);
        }
    }

    /// <summary>Waits until <paramref name="count"/> timers with this due time have been created.</summary>
    public async Task WaitForTimersAsync(TimeSpan dueTime, int count, CancellationToken cancellationToken)
    {
        using var guard = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        guard.CancelAfter(TimeSpan.FromSeconds(30)); // against hanging only
        while (true)
        {
            Task created;
            lock (_gate)
            {
                if (_dueTimes.Count(d => d == dueTime) >= count)
                {
                    return;
                }

                created = _created.Task;
            }

            await created.WaitAsync(guard.Token);
        }
    }
}
