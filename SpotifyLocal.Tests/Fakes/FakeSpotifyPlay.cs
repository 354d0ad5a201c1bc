namespace SpotifyLocal.Tests.Fakes;

/// <summary>A play on the fake's account history; it becomes visible in recently-played once <see cref="EndedAt"/> has passed.</summary>
public sealed record FakeSpotifyPlay(string TrackId, string TrackName, string ArtistName, string AlbumName, DateTimeOffset EndedAt, int DurationMs);
