using SpotifyLocal.Core.Storage;

namespace SpotifyLocal.Core.Import;

/// <summary>
/// One entry of either export format, reduced to what deciding and storing a play needs. <c>NotMusic</c> is a
/// <see cref="SkipReasons"/> value when the entry is a podcast, audiobook, … rather than a song. <c>Source</c> tells
/// the extended history (to the second) from account data (to the minute).
/// </summary>
internal sealed record ExportRow(
    PlaySource Source,
    DateTimeOffset PlayedAt,
    string? TrackId,
    string? TrackName,
    string? ArtistName,
    string? AlbumName,
    long MsPlayed,
    bool Incognito,
    string? NotMusic)
{
    /// <summary>How the play happened (extended history only; null when unknown).</summary>
    public PlayContext? Context { get; init; }

    /// <summary>The podcast episode or audiobook chapter when <c>NotMusic</c> says the row is one (extended history only).</summary>
    public ExportEpisode? Episode { get; init; }
}
