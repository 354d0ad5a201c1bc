namespace SpotifyLocal.Core.Tracking;

/// <summary>
/// One poll of one user: items Spotify returned, plays newly stored, whether plays may have been lost (a full page
/// starting after the newest tracked play), and, for a full page, the time between its oldest and newest play.
/// </summary>
public sealed record PollResult(int Fetched, int Inserted, bool PossibleGap, TimeSpan? WindowSpan = null);
