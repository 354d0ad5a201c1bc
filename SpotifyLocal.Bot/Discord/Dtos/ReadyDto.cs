using System.Text.Json.Serialization;

namespace SpotifyLocal.Bot.Discord.Dtos;

/// <summary>The data of the READY dispatch: what a later Resume needs, and who the bot is.</summary>
public sealed record ReadyDto(
    [property: JsonPropertyName("v")] int Version,
    [property: JsonPropertyName("user")] UserDto User,
    [property: JsonPropertyName("session_id")] string SessionId,
    [property: JsonPropertyName("resume_gateway_url")] string ResumeGatewayUrl,
    [property: JsonPropertyName("application")] ReadyApplicationDto? Application,
    [property: JsonPropertyName("guilds")] IReadOnlyList<UnavailableGuildDto>? Guilds = null);
