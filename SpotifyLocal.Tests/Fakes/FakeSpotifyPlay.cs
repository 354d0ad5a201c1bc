namespace SpotifyLocal.Tests.Fakes;

/// <summary>
/// A play on the fake's account history. It is listed in recently-played from <see cref="ListedAt"/> on (by default
/// when it ended; later for a play Spotify reports late, spotify/web-api#1186 and #918), ordered by its end.
/// </summary>
public sealed record FakeSpotifyPlay(
    string TrackId,
    string TrackName,
    string ArtistName,
    string AlbumName,
    DateTimeOffset EndedAt,
    int DurationMs,
    DateTimeOffset ListedAt,
    FakeSpotifyItemShape Shape = FakeSpotifyItemShape.Track);
