namespace SpotifyLocal.Core.Storage;

/// <summary>Persistence of the one app-wide <see cref="SpotifyPause"/>.</summary>
public interface ISpotifyPauseStore
{
    /// <summary>The stored pause, or null when Spotify never paused the app.</summary>
    Task<SpotifyPause?> GetAsync(CancellationToken cancellationToken);

    /// <summary>Replaces the stored pause.</summary>
    Task SaveAsync(SpotifyPause pause, CancellationToken cancellationToken);
}
