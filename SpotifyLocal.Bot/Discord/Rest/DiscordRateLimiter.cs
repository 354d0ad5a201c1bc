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
    private long _globalResetTicks;

    /// <summary>How long a request on <paramref name="route"/> must wait now (zero when it may go).</summary>
    public TimeSpan DelayFor(DiscordRoute route, bool exemptFromGlobal)
    {
        var now = time.GetUtcNow();
        var delay = TimeSpan.Zero;
        if (!exemptFromGlobal)
        {
            var globalReset = new DateTimeOffset(Interlocked.Read(ref _globalResetTicks), TimeSpan.Zero);
            if (globalReset > now)
            {
                delay = globalReset - now;
            }
        }

        if (_buckets.TryGetValue(StateKey(route), out var bucket) && bucket.Remaining <= 0 && bucket.ResetAt > now)
        {
            var bucketDelay = bucket.ResetAt - now;
            delay = bucketDelay > delay ? bucketDelay : delay;
        }

        return delay;
    }

    /// <summary>Takes one request from the bucket's remaining count (so concurrent callers see it go down).</summary>
    public void Consume(DiscordRoute route)
    {
        if (_buckets.TryGetValue(StateKey(route), out var bucket) && bucket.Remaining > 0)
        {
            _buckets[StateKey(route)] = bucket with { Remaining = bucket.Remaining - 1 };
        }
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

    /// <summary>Records a 429: the bucket (or, when <paramref name="global"/>, every route) waits <paramref name="retryAfter"/>.</summary>
    public void LimitExceeded(DiscordRoute route, TimeSpan retryAfter, bool global)
    {
        var until = time.GetUtcNow() + retryAfter;
        if (global)
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
        if (_buckets.Count < PruneThreshold)
        {
            return;
        }

        var now = time.GetUtcNow();
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
