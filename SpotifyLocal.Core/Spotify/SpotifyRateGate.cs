using SpotifyLocal.Core.Storage;

namespace SpotifyLocal.Core.Spotify;

/// <summary>
/// App-wide pause state. Spotify's rate limit is per app, so a 429 stops every request (not only the
/// one user's) until Retry-After has passed; a quota 429 pauses polling for the quota period. The state is a
/// <see cref="SpotifyPause"/> that is stored (<see cref="ISpotifyPauseStore"/>) and restored at start, so a restart
/// does not call Spotify in the middle of a long ban.
/// </summary>
public sealed class SpotifyRateGate(TimeProvider timeProvider)
{
    private readonly Lock _lock = new();
    private SpotifyPause? _pause;

    /// <summary>How long no request may be sent, or zero.</summary>
    public TimeSpan RequestPauseRemaining
    {
        get
        {
            lock (_lock)
            {
                return Remaining(_pause?.RequestsUntil);
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
                return Remaining(_pause?.Until);
            }
        }
    }

    /// <summary>The latest pause (running or over), or null when there was none.</summary>
    public SpotifyPause? Current
    {
        get
        {
            lock (_lock)
            {
                return _pause;
            }
        }
    }

    /// <summary>Stops all requests for at least <paramref name="retryAfter"/> (never shortens a running pause).</summary>
    public SpotifyPause PauseRequests(TimeSpan retryAfter) => Extend(retryAfter, requests: true);

    /// <summary>Stops polling for at least <paramref name="pause"/> (a used-up quota).</summary>
    public SpotifyPause PausePolling(TimeSpan pause) => Extend(pause, requests: false);

    /// <summary>Takes over a stored pause at start (a later one already in place wins).</summary>
    public void Restore(SpotifyPause stored)
    {
        lock (_lock)
        {
            if (_pause is null || stored.Until > _pause.Until)
            {
                _pause = stored;
            }
        }
    }

    /// <summary>Records that linked users were told about the running pause; returns the pause to store.</summary>
    public SpotifyPause? MarkUsersTold(DateTimeOffset at)
    {
        lock (_lock)
        {
            _pause = _pause is null ? null : _pause with { UsersToldAt = at };
            return _pause;
        }
    }

    private SpotifyPause Extend(TimeSpan length, bool requests)
    {
        lock (_lock)
        {
            var now = timeProvider.GetUtcNow();
            var until = now + length;
            // A pause that is over is forgotten: the next one starts afresh (and its users are told anew).
            var pause = _pause is { } running && running.Until > now ? running : new SpotifyPause(now, now, now);
            pause = requests
                ? pause with { RequestsUntil = until > pause.RequestsUntil ? until : pause.RequestsUntil }
                : pause with { PollingUntil = until > pause.PollingUntil ? until : pause.PollingUntil };
            _pause = pause;
            return pause;
        }
    }

    private TimeSpan Remaining(DateTimeOffset? until)
    {
        var left = (until ?? DateTimeOffset.MinValue) - timeProvider.GetUtcNow();
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }
}
