namespace SpotifyLocal.Core.Spotify;

/// <summary>
/// App-wide pause state. Spotify's rate limit is per app, so a 429 stops every request (not only the
/// one user's) until Retry-After has passed; a quota 429 pauses polling for the quota period.
/// </summary>
public sealed class SpotifyRateGate(TimeProvider timeProvider)
{
    private readonly Lock _lock = new();
    private DateTimeOffset _requestsPausedUntil = DateTimeOffset.MinValue;
    private DateTimeOffset _pollingPausedUntil = DateTimeOffset.MinValue;

    /// <summary>How long no request may be sent, or zero.</summary>
    public TimeSpan RequestPauseRemaining
    {
        get
        {
            lock (_lock)
            {
                return Remaining(_requestsPausedUntil);
            }
        }
    }

    /// <summary>How long polling must wait (the longer of the request pause and a quota pause), or zero.</summary>
    public TimeSpan PollingPauseRemaining
    {
        get
        {
            lock (_lock)
            {
                var until = _pollingPausedUntil > _requestsPausedUntil ? _pollingPausedUntil : _requestsPausedUntil;
                return Remaining(until);
            }
        }
    }

    /// <summary>Stops all requests for at least <paramref name="retryAfter"/> (never shortens a running pause).</summary>
    public void PauseRequests(TimeSpan retryAfter)
    {
        lock (_lock)
        {
            var until = timeProvider.GetUtcNow() + retryAfter;
            if (until > _requestsPausedUntil)
            {
                _requestsPausedUntil = until;
            }
        }
    }

    /// <summary>Stops polling for at least <paramref name="pause"/> (a used-up quota).</summary>
    public void PausePolling(TimeSpan pause)
    {
        lock (_lock)
        {
            var until = timeProvider.GetUtcNow() + pause;
            if (until > _pollingPausedUntil)
            {
                _pollingPausedUntil = until;
            }
        }
    }

    private TimeSpan Remaining(DateTimeOffset until)
    {
        var left = until - timeProvider.GetUtcNow();
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }
}
