using SpotifyLocal.Core.Stats;

namespace SpotifyLocal.Core.Storage;

/// <summary>
/// One listened track. Unique per (UserId, PlayedAt, TrackId); the normalized keys group the same
/// song, artist or album across different Spotify URIs and across the id-less account-data export.
/// </summary>
public sealed record Play(
    string UserId,
    string TrackId,
    string TrackName,
    string? ArtistId,
    string ArtistName,
    string? AlbumId,
    string? AlbumName,
    DateTimeOffset PlayedAt,
    int DurationMs,
    int MsPlayed,
    PlaySource Source,
    string TrackKey,
    string ArtistKey,
    string AlbumKey)
{
    /// <summary>How the play happened, from the extended history; null for tracked and account-data plays (unknown).</summary>
    public PlayContext? Context { get; init; }

    /// <summary>Builds a play and computes its grouping keys, so every writer keys plays the same way.</summary>
    public static Play Create(
        string userId,
        string trackId,
        string trackName,
        string? artistId,
        string artistName,
        string? albumId,
        string? albumName,
        DateTimeOffset playedAt,
        int durationMs,
        int msPlayed,
        PlaySource source) =>
        new(
            userId,
            trackId,
            trackName,
            artistId,
            artistName,
            albumId,
            albumName,
            // Both backends keep millisecond precision; truncating here makes stored and built plays equal.
            DateTimeOffset.FromUnixTimeMilliseconds(playedAt.ToUnixTimeMilliseconds()),
            durationMs,
            msPlayed,
            source,
            IdentityKeys.Track(artistName, trackName),
            IdentityKeys.Artist(artistName),
            IdentityKeys.Album(artistName, albumName));
}
