namespace SpotifyLocal.Core.Spotify;

/// <summary>/link was used on a bot without a Spotify app (Spotify:ClientId, ClientSecret, RedirectUri unset).</summary>
public sealed class SpotifyNotConfiguredException()
    : SpotifyException(
        "Live Spotify tracking is not set up on this bot (the owner has not configured a Spotify app). "
        + "You can still import your Spotify data export and see your stats.");
