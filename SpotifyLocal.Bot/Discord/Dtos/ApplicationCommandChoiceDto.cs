using System.Text.Json.Serialization;

namespace SpotifyLocal.Bot.Discord.Dtos;

/// <summary>A fixed choice of a STRING option.</summary>
public sealed record ApplicationCommandChoiceDto(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("value")] string Value);
