using System.Text.Json.Serialization;

namespace SpotifyLocal.Bot.Discord.Dtos;

/// <summary>How many Identify calls the bot has left (1000 per 24 h).</summary>
public sealed record SessionStartLimitDto(
    [property: JsonPropertyName("total")] int Total,
    [property: JsonPropertyName("remaining")] int Remaining,
    [property: JsonPropertyName("reset_after")] long ResetAfterMs,
    [property: JsonPropertyName("max_concurrency")] int MaxConcurrency);
