using System.Text.Json.Serialization;

namespace SpotifyLocal.Bot.Discord.Dtos;

/// <summary>The answer of <c>GET /gateway/bot</c>.</summary>
public sealed record GatewayBotDto(
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("shards")] int Shards,
    [property: JsonPropertyName("session_start_limit")] SessionStartLimitDto? SessionStartLimit);
