using System.Text.Json.Serialization;

namespace SpotifyLocal.Bot.Discord.Dtos;

/// <summary>The JSON error body Discord sends with 4xx answers.</summary>
public sealed record ApiErrorDto(
    [property: JsonPropertyName("message")] string? Message,
    [property: JsonPropertyName("code")] int Code);
