namespace SpotifyLocal.Core.Storage;

/// <summary>Podcast and audiobook listening in a scope: entries, time, and how many shows and episodes.</summary>
public sealed record EpisodeTotals(int Entries, long MsPlayed, int Shows, int Episodes)
{
    public static EpisodeTotals Empty { get; } = new(0, 0, 0, 0);
}
