using System.Text.Json.Serialization;

namespace SpotifyLocal.Bot.Discord.Dtos;

/// <summary>The body of a 429: <see cref="RetryAfterSeconds"/> is a float in seconds.</summary>
public sealed record RateLimitedDto(
    [property: JsonPropertyName("message")] string? Message,
    [property: JsonPropertyName("retry_after")] double RetryAfterSeconds,
    [property: JsonPropertyName("global")] bool Global);
