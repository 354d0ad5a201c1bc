namespace SpotifyLocal.Core.Import;

/// <summary>
/// One entry of either export format, reduced to what deciding and storing a play needs. <c>NotMusic</c> is a
/// <see cref="SkipReasons"/> value when the entry is a podcast, audiobook, … rather than a song.
/// </summary>
internal sealed record ExportRow(
    DateTimeOffset PlayedAt,
    string? TrackId,
    string? TrackName,
    string? ArtistName,
    string? AlbumName,
    long MsPlayed,
    bool Incognito,
    string? NotMusic);
