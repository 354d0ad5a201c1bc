using System.Text.Json.Serialization;

namespace SpotifyLocal.Bot.Discord.Dtos;

/// <summary>The data of op 10 Hello.</summary>
public sealed record HelloDto([property: JsonPropertyName("heartbeat_interval")] int HeartbeatIntervalMs);
