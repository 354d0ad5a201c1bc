using System.Text.Json.Serialization;

namespace SpotifyLocal.Core.Spotify;

/// <summary><c>GET /v1/me/player/recently-played</c>: at most 50 items, newest first; an unreadable item is null.</summary>
public sealed record RecentlyPlayedDto(
    [property: JsonPropertyName("items"), JsonConverter(typeof(LenientItemsConverter))] IReadOnlyList<PlayHistoryDto?> Items,
    [property: JsonPropertyName("next")] string? Next,
    [property: JsonPropertyName("cursors")] CursorsDto? Cursors,
    [property: JsonPropertyName("limit")] int Limit,
    [property: JsonPropertyName("href")] string? Href);
