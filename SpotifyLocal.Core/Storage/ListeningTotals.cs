namespace SpotifyLocal.Core.Storage;

/// <summary>Totals over a scope: plays, time listened and how many distinct songs, artists and albums.</summary>
public sealed record ListeningTotals(
    int Plays,
    long MsPlayed,
    int DistinctTracks,
    int DistinctArtists,
    int DistinctAlbums)
{
    public static ListeningTotals Empty { get; } = new(0, 0, 0, 0, 0);
}
