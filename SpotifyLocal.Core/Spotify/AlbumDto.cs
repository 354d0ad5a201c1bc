using System.Text.Json.Serialization;

namespace SpotifyLocal.Core.Spotify;

/// <summary>A simplified album object.</summary>
public sealed record AlbumDto(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("uri")] string? Uri);
