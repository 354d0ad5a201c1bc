namespace SpotifyLocal.Core.Insights;

/// <summary>
/// An artist both people played in the period: each one's plays and the share of their own plays in the period it is
/// (0–1). The smaller share is what the artist adds to the overlap (<see cref="TasteOverlapService"/>).
/// </summary>
public sealed record SharedArtist(string Key, string Name, int Plays, int OtherPlays, double Share, double OtherShare);
