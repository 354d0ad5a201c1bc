using System.Diagnostics;
using System.Globalization;
using SpotifyLocal.Core.Storage;

namespace SpotifyLocal.Core.Import;

/// <summary>
/// Who runs an import and until when: a running import records its process (<see cref="CurrentOwner"/>: host, pid and
/// start time, so the bot and the <c>import</c> verb are told apart) and renews <see cref="ImportJob.LeaseExpiresAt"/>
/// every <see cref="RenewEvery"/>. A job is stale, and the next import anywhere takes over, when its lease ran out
/// or its owner is a process of this host that no longer runs (<c>kill -9</c>: no need to wait for the lease).
/// </summary>
public static class ImportJobLease
{
    /// <summary>How long a job stays claimed without renewal.</summary>
    public static readonly TimeSpan Duration = TimeSpan.FromMinutes(2);

    /// <summary>How often a running import renews its lease.</summary>
    public static readonly TimeSpan RenewEvery = TimeSpan.FromSeconds(30);

    private static readonly Lazy<string> Current = new(() =>
    {
        using var self = Process.GetCurrentProcess();
        return Describe(Environment.MachineName, self.Id, new DateTimeOffset(self.StartTime.ToUniversalTime()));
    });

    /// <summary>This process, as recorded in <see cref="ImportJob.Owner"/>: <c>host:pid:startUnixMs</c>.</summary>
    public static string CurrentOwner => Current.Value;

    /// <summary>Whether <paramref name="job"/> (active) can be taken over at <paramref name="now"/>.</summary>
    public static bool IsStale(ImportJob job, DateTimeOffset now)
    {
        if (job.Owner is { } owner && OwnerIsGone(owner))
        {
            return true;
        }

        // A job from a build before leases counts as leased from when it started.
        var until = job.LeaseExpiresAt ?? (job.StartedAt ?? job.CreatedAt) + Duration;
        return until <= now;
    }

    private static string Describe(string host, int pid, DateTimeOffset started) =>
        string.Create(CultureInfo.InvariantCulture, $"{host}:{pid}:{started.ToUnixTimeMilliseconds()}");

    /// <summary>True only when the owner is a process of this host that is certainly not running (a reused pid has another start time).</summary>
    private static bool OwnerIsGone(string owner)
    {
        var parts = owner.Split(':');
        if (parts.Length != 3 || !string.Equals(parts[0], Environment.MachineName, StringComparison.Ordinal)
            || !int.TryParse(parts[1], CultureInfo.InvariantCulture, out var pid) || !long.TryParse(parts[2], CultureInfo.InvariantCulture, out var startedMs))
        {
            return false;
        }

        try
        {
            using var process = Process.GetProcessById(pid);
            // Start times read back through /proc can differ by a few ms from the first reading.
            return Math.Abs(new DateTimeOffset(process.StartTime.ToUniversalTime()).ToUnixTimeMilliseconds() - startedMs) > 1_000 || process.HasExited;
        }
        catch (ArgumentException)
        {
            return true;
        }
        catch (InvalidOperationException)
        {
            return true;
        }
    }
}
