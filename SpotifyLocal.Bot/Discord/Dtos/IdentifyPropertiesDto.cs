using System.Text.Json.Serialization;

namespace SpotifyLocal.Bot.Discord.Dtos;

/// <summary>The connection properties sent with Identify.</summary>
public sealed record IdentifyPropertiesDto(
    [property: JsonPropertyName("os")] string Os,
    [property: JsonPropertyName("browser")] string Browser,
    [property: JsonPropertyName("device")] string Device);
