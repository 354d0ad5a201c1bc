using System.Text.Json.Serialization;

namespace SpotifyLocal.Core.Import;

/// <summary>One row of the account-data export's <c>StreamingHistory*.json</c>: minute precision, UTC, no ids.</summary>
internal sealed record AccountDataStreamDto(
    [property: JsonPropertyName("endTime")] string EndTime,
    [property: JsonPropertyName("artistName")] string? ArtistName,
    [property: JsonPropertyName("trackName")] string? TrackName,
    [property: JsonPropertyName("msPlayed")] long MsPlayed);
