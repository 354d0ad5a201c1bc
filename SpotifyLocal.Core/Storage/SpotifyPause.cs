namespace SpotifyLocal.Core.Storage;

/// <summary>
/// The app-wide Spotify pause as stored, so a restart does not call Spotify in the middle of a long ban: since when,
/// until when no request may go out (429 Retry-After) and polling waits (quota), and when linked users were told.
/// </summary>
public sealed record SpotifyPause(DateTimeOffset Since, DateTimeOffset RequestsUntil, DateTimeOffset PollingUntil, DateTimeOffset? UsersToldAt = null)
{
    /// <summary>When both pauses are over.</summary>
    public DateTimeOffset Until => RequestsUntil > PollingUntil ? RequestsUntil : PollingUntil;
}
