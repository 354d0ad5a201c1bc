using System.Text.Json.Serialization;

namespace SpotifyLocal.Core.Import;

/// <summary>One row of <c>Streaming_History_Audio_*.json</c> / <c>endsong_*.json</c>; only the fields SpotifyLocal uses.</summary>
internal sealed record ExtendedStreamDto(
    [property: JsonPropertyName("ts"), JsonConverter(typeof(ExtendedHistoryTimeConverter))] DateTimeOffset Ts,
    [property: JsonPropertyName("ms_played")] long MsPlayed,
    [property: JsonPropertyName("master_metadata_track_name")] string? TrackName,
    [property: JsonPropertyName("master_metadata_album_artist_name")] string? ArtistName,
    [property: JsonPropertyName("master_metadata_album_album_name")] string? AlbumName,
    [property: JsonPropertyName("spotify_track_uri")] string? TrackUri,
    [property: JsonPropertyName("episode_name")] string? EpisodeName,
    [property: JsonPropertyName("episode_show_name")] string? EpisodeShowName,
    [property: JsonPropertyName("spotify_episode_uri")] string? EpisodeUri,
    [property: JsonPropertyName("audiobook_title")] string? AudiobookTitle,
    [property: JsonPropertyName("audiobook_uri")] string? AudiobookUri,
    [property: JsonPropertyName("audiobook_chapter_uri")] string? AudiobookChapterUri,
    [property: JsonPropertyName("audiobook_chapter_title")] string? AudiobookChapterTitle,
    [property: JsonPropertyName("incognito_mode")] bool? IncognitoMode,
    [property: JsonPropertyName("skipped")] bool? Skipped = null,
    [property: JsonPropertyName("reason_start")] string? ReasonStart = null,
    [property: JsonPropertyName("reason_end")] string? ReasonEnd = null,
    [property: JsonPropertyName("shuffle")] bool? Shuffle = null,
    [property: JsonPropertyName("platform")] string? Platform = null,
    [property: JsonPropertyName("offline")] bool? Offline = null);
