namespace SpotifyLocal.Core.Tracking;

/// <summary>
/// A token bucket on the injected clock: <see cref="TryTake"/> succeeds at most <c>perSecond</c> times per
/// second on average, with a burst of one second's worth. Never waits: the worker leaves the rest for its next tick.
/// </summary>
public sealed class RequestBudget
{
    private readonly Lock _lock = new();
    private readonly double _perSecond;
    private readonly double _capacity;
    private readonly TimeProvider _timeProvider;
    private double _tokens;
    private DateTimeOffset _last;

    public RequestBudget(double perSecond, TimeProvider timeProvider)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(perSecond);
        _perSecond = perSecond;
        _capacity = Math.Max(1, perSecond);
        _timeProvider = timeProvider;
        _tokens = _capacity;
        _last = timeProvider.GetUtcNow();
    }

    public bool TryTake()
    {
        lock (_lock)
        {
            var now = _timeProvider.GetUtcNow();
            var elapsed = (now - _last).TotalSeconds;
            if (elapsed > 0)
            {
                _tokens = Math.Min(_capacity, _tokens + (elapsed * _perSecond));
                _last = now;
            }

            if (_tokens < 1)
            {
                return false;
            }

            _tokens -= 1;
            return true;
        }
    }
}
