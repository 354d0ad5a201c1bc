using System.Diagnostics;
using System.Globalization;
using SpotifyLocal.Core.Tracking;

namespace SpotifyLocal.Benchmarks;

/// <summary>
/// A simulated week of 1,000 listeners in virtual time, driving the real <see cref="PollSchedule"/> against a
/// model of recently-played (the newest 50 plays, exclusive <c>after</c> cursor, a play visible 0–20 s after it
/// ends). Schedule-level, not over HTTP: 7 million virtual minutes would take hours on loopback; the HTTP path
/// is covered by the fake-Spotify tests. Reports recently-played calls and token refreshes per user-day and
/// plays the schedule lost (target: ≤ 100 calls, 0 missed; the seed's 30 s polling costs 2,880 calls).
/// </summary>
public sealed class TrackingSimulationScenario : IBenchmarkScenario
{
    private static readonly TimeSpan AccessTokenRefreshAge = TimeSpan.FromMinutes(55);

    public string Name => "tracking";

    public Task<IReadOnlyList<BenchmarkRow>> RunAsync(BenchmarkSettings settings, CancellationToken cancellationToken)
    {
        var users = settings.Quick ? 20 : 1000;
        var days = settings.Quick ? 1 : 7;
        var options = new TrackingOptions();
        var schedule = new PollSchedule(options);
        var random = new Random(2026);
        var stopwatch = Stopwatch.StartNew();
        long calls = 0, refreshes = 0, plays = 0, missed = 0;
        for (var u = 0; u < users; u++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            // Every 20th user is a worst case: back-to-back 31-second plays for an hour every day.
            var history = Listen(random, days, worstCase: u % 20 == 0);
            plays += history.Count;
            var result = Simulate(history, TimeSpan.FromDays(days), schedule, options.TickInterval, random);
            calls += result.Calls;
            refreshes += result.Refreshes;
            missed += result.Missed;
        }

        stopwatch.Stop();
        var userDays = (double)users * days;
        var scenario = $"Tracking ({users} users, {days} d, virtual time)";
        var callsPerDay = calls / userDays;
        IReadOnlyList<BenchmarkRow> rows =
        [
            new(scenario, "recently-played calls per user-day", callsPerDay.ToString("F1", CultureInfo.InvariantCulture), "≤ 100 (seed: 2,880)", callsPerDay <= 100),
            new(scenario, "token refreshes per user-day (accounts.spotify.com)", (refreshes / userDays).ToString("F1", CultureInfo.InvariantCulture), "–", null),
            new(scenario, "plays listened / missed", $"{plays:N0} / {missed:N0}", "0 missed", missed == 0),
            new(scenario, "simulation time", $"{stopwatch.Elapsed.TotalSeconds:F1} s", "–", null),
        ];
        return Task.FromResult(rows);
    }

    /// <summary>Play end times (and when each becomes visible) for one user: a few sessions a day of 31 s – 6 min songs.</summary>
    private static List<(TimeSpan End, TimeSpan Visible)> Listen(Random random, int days, bool worstCase)
    {
        var plays = new List<(TimeSpan, TimeSpan)>();
        for (var day = 0; day < days; day++)
        {
            var dayStart = TimeSpan.FromDays(day);
            var sessions = random.Next(0, 5);
            var cursor = dayStart + TimeSpan.FromHours(7);
            for (var s = 0; s < sessions && cursor < dayStart + TimeSpan.FromHours(23); s++)
            {
                cursor += TimeSpan.FromMinutes(random.Next(10, 240));
                var sessionEnd = cursor + TimeSpan.FromMinutes(random.Next(15, 180));
                while (cursor < sessionEnd)
                {
                    var length = random.Next(100) < 10 ? random.Next(31, 90) : random.Next(150, 360);
                    cursor += TimeSpan.FromSeconds(length);
                    plays.Add((cursor, cursor + TimeSpan.FromSeconds(random.Next(0, 21))));
                }
            }

            if (worstCase)
            {
                var burst = dayStart + TimeSpan.FromHours(random.Next(1, 6));
                for (var i = 0; i < 120; i++)
                {
                    burst += TimeSpan.FromSeconds(31);
                    plays.Add((burst, burst + TimeSpan.FromSeconds(random.Next(0, 21))));
                }
            }
        }

        plays.Sort((a, b) => a.Item1.CompareTo(b.Item1));
        return plays;
    }

    private static (long Calls, long Refreshes, long Missed) Simulate(
        List<(TimeSpan End, TimeSpan Visible)> history,
        TimeSpan duration,
        PollSchedule schedule,
        TimeSpan tick,
        Random random)
    {
        long calls = 0, refreshes = 0;
        var stored = new HashSet<TimeSpan>();
        TimeSpan? cursor = null;
        var tokenIssued = TimeSpan.Zero;
        var empty = 0;
        var now = TimeSpan.FromSeconds(random.Next(0, 600));
        var visible = new List<TimeSpan>(64);
        var lastPoll = now;
        while (now < duration)
        {
            calls++;
            lastPoll = now;
            if (now - tokenIssued >= AccessTokenRefreshAge)
            {
                refreshes++;
                tokenIssued = now;
            }

            // Recently-played: the newest 50 visible plays, then those strictly after the cursor.
            visible.Clear();
            for (var i = history.Count - 1; i >= 0 && visible.Count < PollSchedule.Window; i--)
            {
                if (history[i].Visible <= now)
                {
                    visible.Add(history[i].End);
                }
            }

            var fresh = visible.Where(end => cursor is null || end > cursor).ToList();
            foreach (var end in fresh)
            {
                stored.Add(end);
            }

            if (fresh.Count > 0)
            {
                cursor = fresh.Max();
                empty = 0;
            }
            else
            {
                empty++;
            }

            var interval = fresh.Count > 0 ? schedule.AfterNewPlays() : schedule.AfterEmptyPoll(empty);
            // The worker wakes on ticks, so a poll starts up to one tick late.
            now += interval + TimeSpan.FromTicks((long)(tick.Ticks * random.NextDouble()));
        }

        // Plays that were visible at the last poll but never stored are lost for good.
        var missed = history.Count(p => p.Visible <= lastPoll && !stored.Contains(p.End));
        return (calls, refreshes, missed);
    }
}
