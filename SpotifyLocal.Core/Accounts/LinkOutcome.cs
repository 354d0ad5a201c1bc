namespace SpotifyLocal.Core.Accounts;

/// <summary>How an OAuth callback ended.</summary>
public enum LinkOutcome
{
    /// <summary>Spotify agreed; nothing is linked until the requesting chat confirms the named account.</summary>
    AwaitingConfirmation = 0,

    /// <summary>The user pressed "Cancel" on Spotify's consent screen.</summary>
    Denied = 1,

    /// <summary>The state was missing, unknown, expired or already used: nothing was linked.</summary>
    InvalidState = 2,

    /// <summary>Spotify refused the code exchange or the profile request.</summary>
    TokenError = 3,

    /// <summary>The account is not on the app's allow-list (development mode).</summary>
    NotAllowListed = 4,

    /// <summary>Spotify refused the bot's authorize request itself (e.g. <c>invalid_scope</c>): a setting of the bot is wrong.</summary>
    RequestRefused = 5,
}
