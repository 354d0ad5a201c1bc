using System.Collections.Concurrent;
using System.Globalization;

namespace SpotifyLocal.Bot.Discord.Rest;

/// <summary>
/// Remembers Discord's rate-limit state across requests (a singleton shared by the transient REST clients): per-route
/// buckets from the <c>X-RateLimit-*</c> headers (routes that share an <c>X-RateLimit-Bucket</c> share state per top-level
/// resource) and the bot-wide global limit after a global 429. It never sleeps for real: waits go through TimeProvider.
/// </summary>
public sealed class DiscordRateLimiter(TimeProvider time)
{
    private const int PruneThreshold = 1024;

    private readonly ConcurrentDictionary<string, string> _bucketByRoute = new();
    private readonly ConcurrentDictionary<string, BucketState> _buckets = new();
    private readonly ConcurrentDictionary<string, DateTimeOffset> _sharedLimitUntil = new();
    private long _globalResetTicks;

    /// <summary>
    /// Takes one request from the route's bucket and returns zero, or returns how long to wait before asking again
    /// (nothing taken). Check and take are one step, so concurrent callers cannot both spend the last request.
    /// </summary>
    public TimeSpan Acquire(DiscordRoute route, bool exemptFromGlobal)
    {
        var now = time.GetUtcNow();
        if (!exemptFromGlobal)
        {
            var globalReset = new DateTimeOffset(Interlocked.Read(ref _globalResetTicks), TimeSpan.Zero);
            if (globalReset > now)
            {
                return globalReset - now;
            }
        }

        var key = StateKey(route);
        if (_sharedLimitUntil.TryGetValue(key, out var sharedUntil) && sharedUntil > now)
        {
            return sharedUntil - now;
        }

        while (_buckets.TryGetValue(key, out var bucket) && bucket.ResetAt > now)
        {
            if (bucket.Remaining <= 0)
            {
                return bucket.ResetAt - now;
            }

            if (_buckets.TryUpdate(key, bucket with { Remaining = bucket.Remaining - 1 }, bucket))
            {
                break;
            }
        }

        return TimeSpan.Zero;
    }

    /// <summary>Reads the rate-limit headers of any answer.</summary>
    public void Observe(DiscordRoute route, HttpResponseMessage response)
    {
        if (Header(response, "X-RateLimit-Bucket") is { Length: > 0 } hash)
        {
            _bucketByRoute[$"{route.Method.Method} {route.Template}"] = hash;
        }

        var remaining = Header(response, "X-RateLimit-Remaining");
        var resetAfter = Header(response, "X-RateLimit-Reset-After");
        if (remaining is null || resetAfter is null
            || !int.TryParse(remaining, NumberStyles.Integer, CultureInfo.InvariantCulture, out var left)
            || !double.TryParse(resetAfter, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
        {
            return;
        }

        Prune();
        _buckets[StateKey(route)] = new BucketState(left, time.GetUtcNow() + TimeSpan.FromSeconds(seconds));
    }

    /// <summary>
    /// Records a 429: every route but interaction endpoints (<see cref="DiscordRateLimitScope.Global"/>), the route's
    /// bucket on that resource (<see cref="DiscordRateLimitScope.User"/>), or that resource alone while the bucket keeps
    /// the budget its headers report (<see cref="DiscordRateLimitScope.Shared"/>) waits <paramref name="retryAfter"/>.
    /// </summary>
    public void LimitExceeded(DiscordRoute route, TimeSpan retryAfter, DiscordRateLimitScope scope)
    {
        var until = time.GetUtcNow() + retryAfter;
        if (scope == DiscordRateLimitScope.Shared)
        {
            Prune();
            _sharedLimitUntil[StateKey(route)] = until;
            return;
        }

        if (scope == DiscordRateLimitScope.Global)
        {
            long current;
            do
            {
                current = Interlocked.Read(ref _globalResetTicks);
                if (current >= until.UtcTicks)
                {
                    return;
                }
            }
            while (Interlocked.CompareExchange(ref _globalResetTicks, until.UtcTicks, current) != current);
            return;
        }

        _buckets[StateKey(route)] = new BucketState(0, until);
    }

    private string StateKey(DiscordRoute route) =>
        _bucketByRoute.TryGetValue($"{route.Method.Method} {route.Template}", out var hash)
            ? $"{hash}|{route.MajorParameter}"
            : route.Key;

    // Interaction tokens make every webhook route unique: forget buckets whose window has passed.
    private void Prune()
    {
        var now = time.GetUtcNow();
        if (_sharedLimitUntil.Count >= PruneThreshold)
        {
            foreach (var (key, until) in _sharedLimitUntil)
            {
                if (until <= now)
                {
                    _sharedLimitUntil.TryRemove(key, out _);
                }
            }
        }

        if (_buckets.Count < PruneThreshold)
        {
            return;
        }

        foreach (var (key, state) in _buckets)
        {
            if (state.ResetAt <= now)
            {
                _buckets.TryRemove(key, out _);
            }
        }
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private sealed record BucketState(int Remaining, DateTimeOffset ResetAt);
}
