using System.Text.Json.Serialization;

namespace SpotifyLocal.Core.Spotify;

/// <summary>A simplified track object; <c>id</c> is null for local files.</summary>
public sealed record TrackDto(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("uri")] string? Uri,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("duration_ms")] int DurationMs,
    [property: JsonPropertyName("artists")] IReadOnlyList<ArtistDto> Artists,
    [property: JsonPropertyName("album")] AlbumDto? Album);
