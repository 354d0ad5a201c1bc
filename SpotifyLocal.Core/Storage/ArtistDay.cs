namespace SpotifyLocal.Core.Storage;

/// <summary>One local calendar day on which an artist (its grouping key) was played, and how many plays it had that day.</summary>
public sealed record ArtistDay(string ArtistKey, DateOnly Day, int Plays);
