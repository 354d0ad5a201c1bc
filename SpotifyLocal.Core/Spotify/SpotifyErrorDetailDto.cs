using System.Text.Json.Serialization;

namespace SpotifyLocal.Core.Spotify;

/// <summary>The inner object of <see cref="SpotifyErrorDto"/>.</summary>
public sealed record SpotifyErrorDetailDto(
    [property: JsonPropertyName("status")] int Status,
    [property: JsonPropertyName("message")] string? Message,
    [property: JsonPropertyName("reason")] string? Reason);
