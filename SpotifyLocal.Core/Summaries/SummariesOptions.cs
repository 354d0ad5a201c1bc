using System.ComponentModel.DataAnnotations;

namespace SpotifyLocal.Core.Summaries;

/// <summary>The <c>Summaries</c> section: when weekly summaries are posted and how long a missed one is still caught up.</summary>
public sealed class SummariesOptions
{
    public const string SectionName = "Summaries";

    /// <summary>Weekly posting runs at all (servers and users still have to turn it on).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The day, after the week ended, the summary is posted on (Monday = the day after the week's Sunday).</summary>
    public DayOfWeek PostDay { get; set; } = DayOfWeek.Monday;

    /// <summary>The local time of day (in each target's own zone) the summary is posted at.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "23:59:59")]
    public TimeSpan PostTime { get; set; } = new(9, 0, 0);

    /// <summary>A bot that was down at the post time still posts this long after it; later, that week is skipped.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "6.00:00:00")]
    public TimeSpan CatchUpWindow { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How often the worker looks for due summaries.</summary>
    [Range(typeof(TimeSpan), "00:00:05", "01:00:00")]
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long after deciding to post an unconfirmed post may be sent again on platforms that deduplicate a retry by
    /// nonce (Discord keeps nonces for a few minutes). Later, or on other platforms, it is given up instead.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan RetryWindow { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How many artists a server's weekly chart ranks.</summary>
    [Range(1, 25)]
    public int ServerTopCount { get; set; } = 10;
}
