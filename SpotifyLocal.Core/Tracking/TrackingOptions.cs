using System.ComponentModel.DataAnnotations;

namespace SpotifyLocal.Core.Tracking;

/// <summary>The <c>Tracking</c> section: how the worker polls recently-played (see <see cref="PollSchedule"/>).</summary>
public sealed class TrackingOptions
{
    public const string SectionName = "Tracking";

    /// <summary>Polls only run when this is true and the Spotify app is configured.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>App-wide ceiling on recently-played requests per second, shared by all users.</summary>
    [Range(0.01, 100)]
    public double MaxRequestsPerSecond { get; set; } = 2;

    /// <summary>How many users are polled at the same time.</summary>
    [Range(1, 64)]
    public int MaxConcurrency { get; set; } = 4;

    /// <summary>How often the worker looks for users whose poll is due.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:01:00")]
    public TimeSpan TickInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The next poll after one that found new plays.</summary>
    [Range(typeof(TimeSpan), "00:00:30", "00:25:00")]
    public TimeSpan ActivePollInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Each empty poll multiplies the interval by this, up to <see cref="MaxPollInterval"/>.</summary>
    [Range(1.0, 10.0)]
    public double IdleBackoffFactor { get; set; } = 1.5;

    /// <summary>The longest gap between two polls of one user; at most <see cref="PollSchedule.MaxSafeInterval"/> (25 min).</summary>
    [Range(typeof(TimeSpan), "00:00:30", "00:25:00")]
    public TimeSpan MaxPollInterval { get; set; } = TimeSpan.FromMinutes(20);

    /// <summary>The first retry after a failed poll; doubles per consecutive failure, capped at <see cref="MaxPollInterval"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:25:00")]
    public TimeSpan FailureRetryDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long before the six-month refresh-token death a user is reminded to /link again.</summary>
    [Range(typeof(TimeSpan), "01:00:00", "30.00:00:00")]
    public TimeSpan RelinkReminderLead { get; set; } = TimeSpan.FromDays(3);
}
