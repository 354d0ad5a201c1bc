namespace SpotifyLocal.Core.Storage.Mongo;

/// <summary>A <see cref="ServerSettings"/> in the <c>server_settings</c> collection; the server id is the <c>_id</c>.</summary>
public sealed class ServerSettingsDocument
{
    public string Id { get; set; } = string.Empty;

    public string? WeeklyChannelId { get; set; }

    public bool WeeklyEnabled { get; set; }

    public string? WeeklyDisabledReason { get; set; }

    public string TimeZone { get; set; } = "UTC";

    public static ServerSettingsDocument From(ServerSettings settings) => new()
    {
        Id = settings.ServerId,
        WeeklyChannelId = settings.WeeklyChannelId,
        WeeklyEnabled = settings.WeeklyEnabled,
        WeeklyDisabledReason = settings.WeeklyDisabledReason,
        TimeZone = settings.TimeZone,
    };

    public ServerSettings ToSettings() => new()
    {
        ServerId = Id,
        WeeklyChannelId = WeeklyChannelId,
        WeeklyEnabled = WeeklyEnabled,
        WeeklyDisabledReason = WeeklyDisabledReason,
        TimeZone = TimeZone,
    };
}
