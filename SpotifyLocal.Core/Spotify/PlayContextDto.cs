using System.Text.Json.Serialization;

namespace SpotifyLocal.Core.Spotify;

/// <summary>Where a play started from (playlist, album, …).</summary>
public sealed record PlayContextDto(
    [property: JsonPropertyName("type")] string? Type,
    [property: JsonPropertyName("uri")] string? Uri);
