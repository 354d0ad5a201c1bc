using System.Text.Json.Serialization;

namespace SpotifyLocal.Bot.Discord.Dtos;

/// <summary>The body of <c>POST /interactions/{id}/{token}/callback</c>.</summary>
public sealed record InteractionResponseDto(
    [property: JsonPropertyName("type")] InteractionCallbackType Type,
    [property: JsonPropertyName("data")] MessagePayloadDto? Data = null);
