namespace SpotifyLocal.Core.Storage;

/// <summary>
/// One row of a top list. <see cref="Key"/> is the normalized grouping key; <see cref="Name"/> the
/// most-played spelling; <see cref="ArtistName"/> the artist for tracks and albums (null for artists).
/// </summary>
public sealed record TopItem(
    string Key,
    string Name,
    string? ArtistName,
    int Plays,
    long MsPlayed,
    DateTimeOffset FirstPlayedAt,
    DateTimeOffset LastPlayedAt);
