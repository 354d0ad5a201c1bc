using System.Text.Json.Serialization;

namespace SpotifyLocal.Core.Spotify;

/// <summary>Recently-played cursors: Unix milliseconds as strings; null when the page is empty.</summary>
public sealed record CursorsDto(
    [property: JsonPropertyName("after")] string? After,
    [property: JsonPropertyName("before")] string? Before);
