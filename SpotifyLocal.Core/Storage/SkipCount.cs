namespace SpotifyLocal.Core.Storage;

/// <summary>
/// A track's or artist's plays whose skip is known (<see cref="PlayContext.Skipped"/> not null: extended-history plays)
/// and how many of them were skipped. <see cref="Name"/> is the most-played spelling among those plays;
/// <see cref="ArtistName"/> is null for artists.
/// </summary>
public sealed record SkipCount(string Key, string Name, string? ArtistName, int Plays, int Skipped)
{
    /// <summary>Skipped plays over plays with skip data (never zero plays: keys without skip data have no row).</summary>
    public double Rate => (double)Skipped / Plays;
}
