namespace SpotifyLocal.Core.Storage.Mongo;

/// <summary>Totals of <c>episode_plays</c> over a scope before mapping to <see cref="EpisodeTotals"/>.</summary>
internal sealed class EpisodeTotalsRow
{
    public int Entries { get; set; }

    public long MsPlayed { get; set; }

    public int Shows { get; set; }

    public int Episodes { get; set; }
}
