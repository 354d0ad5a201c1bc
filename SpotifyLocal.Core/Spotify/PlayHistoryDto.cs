using System.Text.Json.Serialization;

namespace SpotifyLocal.Core.Spotify;

/// <summary>One recently-played item; <c>played_at</c> is about the end of the play.</summary>
public sealed record PlayHistoryDto(
    [property: JsonPropertyName("track")] TrackDto? Track,
    [property: JsonPropertyName("played_at")] DateTimeOffset PlayedAt,
    [property: JsonPropertyName("context")] PlayContextDto? Context);
