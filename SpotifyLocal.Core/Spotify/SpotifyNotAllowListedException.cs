namespace SpotifyLocal.Core.Spotify;

/// <summary>
/// A 403 for a user who is not on the Spotify app's allow-list (development mode serves at most five
/// allow-listed accounts): the bot owner must add the user in the Spotify developer dashboard.
/// </summary>
public sealed class SpotifyNotAllowListedException()
    : SpotifyException(
        "Spotify refused this account: the bot's Spotify app is in development mode and only serves accounts its owner has added. "
        + "Bot owner: open developer.spotify.com/dashboard → your app → User Management, add this user's name and Spotify e-mail (at most five users), then run /link again. "
        + "Importing your data export works without this.");
