namespace SpotifyLocal.Core.Storage;

/// <summary>Where a stored play came from.</summary>
public enum PlaySource
{
    /// <summary>Seen by the tracking worker through Spotify's recently-played endpoint.</summary>
    Tracked = 0,

    /// <summary>Read from the extended streaming history export (time to the second, track URI).</summary>
    Import = 1,

    /// <summary>Read from the account-data export (<c>StreamingHistory_music_*.json</c>): end time cut to the minute, no ids.</summary>
    AccountData = 2,
}
