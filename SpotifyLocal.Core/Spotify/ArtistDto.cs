using System.Text.Json.Serialization;

namespace SpotifyLocal.Core.Spotify;

/// <summary>A simplified artist object.</summary>
public sealed record ArtistDto(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("uri")] string? Uri);
