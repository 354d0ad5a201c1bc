namespace SpotifyLocal.Core.Storage;

/// <summary>Whether a user's Spotify tokens can be used for tracking.</summary>
public enum LinkState
{
    /// <summary>A chat identity that never linked Spotify: imports and stats only.</summary>
    NotLinked = 0,

    /// <summary>Tokens are stored and the tracking worker polls this user.</summary>
    Linked = 1,

    /// <summary>Spotify refused the refresh token (revoked or expired): the user must run /link again.</summary>
    NeedsRelink = 2,
}
