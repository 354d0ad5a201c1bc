namespace SpotifyLocal.Core.Spotify;

/// <summary>The token endpoint refused a request for a reason other than <c>invalid_grant</c> (e.g. <c>invalid_client</c>: wrong ClientId/ClientSecret).</summary>
public sealed class SpotifyTokenException(string? error)
    : SpotifyException(error == "invalid_client"
        ? "Spotify rejected the bot's app credentials; the bot owner should check Spotify:ClientId and Spotify:ClientSecret."
        : "Spotify refused to issue a token; please try /link again.")
{
    /// <summary>Spotify's <c>error</c> code, e.g. <c>invalid_client</c>.</summary>
    public string? Error { get; } = error;
}
