namespace SpotifyLocal.Core.Storage;

/// <summary>
/// A chat server's (Discord guild's) settings: where weekly summaries go, the time zone its weeks are counted in,
/// and whether weekly posting is on (<see cref="WeeklyDisabledReason"/> says why the bot turned it off itself).
/// </summary>
public sealed record ServerSettings
{
    public required string ServerId { get; init; }

    /// <summary>The channel weekly summaries are posted to; null until an admin picks one.</summary>
    public string? WeeklyChannelId { get; init; }

    public bool WeeklyEnabled { get; init; }

    /// <summary>Why posting stopped when the bot disabled it (e.g. the channel answered 403); null when an admin did.</summary>
    public string? WeeklyDisabledReason { get; init; }

    /// <summary>IANA time zone id the server's weeks and post time follow.</summary>
    public string TimeZone { get; init; } = "UTC";
}
