using Microsoft.Extensions.Options;

namespace SpotifyLocal.Core.Web;

/// <summary>
/// Per person (the user id plays are stored under): one upload at a time, from the first byte until its import
/// ends, and at most <see cref="WebUploadOptions.MaxUploadsPerHour"/> started in any hour, on the injected clock.
/// </summary>
public sealed class WebUploadRateLimiter(IOptions<WebUploadOptions> options, TimeProvider time)
{
    private static readonly TimeSpan Window = TimeSpan.FromHours(1);

    private readonly Dictionary<string, Person> _people = new(StringComparer.Ordinal);

    /// <summary>
    /// A lease to dispose when the upload and its import are over, or null with the reason for the person and
    /// how long to wait.
    /// </summary>
    public IDisposable? TryAcquire(string userId, out string refusal, out TimeSpan retryAfter)
    {
        var now = time.GetUtcNow();
        var limit = options.Value.MaxUploadsPerHour;
        lock (_people)
        {
            if (!_people.TryGetValue(userId, out var person))
            {
                person = new Person();
                _people[userId] = person;
            }

            while (person.Starts.Count > 0 && now - person.Starts.Peek() >= Window)
            {
                person.Starts.Dequeue();
            }

            if (person.Running)
            {
                refusal = "An upload of yours is already running. Wait until its import has finished, then upload the next file.";
                retryAfter = TimeSpan.FromMinutes(1);
                return null;
            }

            if (person.Starts.Count >= limit)
            {
                retryAfter = person.Starts.Peek() + Window - now;
                refusal = $"You can start {limit} uploads an hour. Try again in {Math.Max(1, (int)Math.Ceiling(retryAfter.TotalMinutes))} minutes.";
                return null;
            }

            person.Starts.Enqueue(now);
            person.Running = true;
            refusal = string.Empty;
            retryAfter = TimeSpan.Zero;
            return new Lease(this, userId);
        }
    }

    private void Release(string userId)
    {
        lock (_people)
        {
            if (_people.TryGetValue(userId, out var person))
            {
                person.Running = false;
            }
        }
    }

    private sealed class Person
    {
        public Queue<DateTimeOffset> Starts { get; } = new();

        public bool Running { get; set; }
    }

    private sealed class Lease(WebUploadRateLimiter limiter, string userId) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                limiter.Release(userId);
            }
        }
    }
}
