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
    public async Task WaitForTimerAsync(TimeSpan dueTime, CancellationToken cancellationToken)
    {
        using var guard = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        guard.CancelAfter(TimeSpan.FromSeconds(30)); // against hanging only
        while (true)
        {
            Task created;
            lock (_gate)
            {
                if (_dueTimes.Contains(dueTime))
                {
                    return;
                }

                created = _created.Task;
            }

            await created.WaitAsync(guard.Token);
        }
    }
}
