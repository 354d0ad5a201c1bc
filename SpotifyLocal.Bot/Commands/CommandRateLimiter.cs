using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace SpotifyLocal.Bot.Commands;

/// <summary>Per-user sliding window for expensive commands (charts, imports), so one user cannot hog the bot.</summary>
public sealed class CommandRateLimiter(IOptions<CommandOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Queue<DateTimeOffset>> _recent = new(StringComparer.Ordinal);

    /// <summary>Records a use and returns null, or returns how long the user must wait.</summary>
    public TimeSpan? TryAcquire(string userKey)
    {
        var now = time.GetUtcNow();
        var window = options.Value.ExpensiveCommandWindow;
        var queue = _recent.GetOrAdd(userKey, _ => new Queue<DateTimeOffset>());
        lock (queue)
        {
            while (queue.Count > 0 && now - queue.Peek() >= window)
            {
                queue.Dequeue();
            }

            if (queue.Count >= options.Value.ExpensiveCommandsPerWindow)
            {
                return queue.Peek() + window - now;
            }

            queue.Enqueue(now);
            return null;
        }
    }
}
