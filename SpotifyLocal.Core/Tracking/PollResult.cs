namespace SpotifyLocal.Core.Tracking;

/// <summary>
/// One poll of one user: items Spotify returned, plays newly stored, and whether the page was full
/// (then plays older than the page may have been lost: the gap between polls was too long).
/// </summary>
public sealed record PollResult(int Fetched, int Inserted, bool PossibleGap);
