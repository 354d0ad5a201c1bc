namespace SpotifyLocal.Core.Storage;

/// <summary>Where a stored play came from.</summary>
public enum PlaySource
{
    /// <summary>Seen by the tracking worker through Spotify's recently-played endpoint.</summary>
    Tracked = 0,

    /// <summary>Read from a Spotify data-export file.</summary>
    Import = 1,
}
