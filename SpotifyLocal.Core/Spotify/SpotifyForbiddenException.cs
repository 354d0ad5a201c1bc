namespace SpotifyLocal.Core.Spotify;

/// <summary>
/// A 403 that is not the development-mode allow-list refusal (e.g. a missing scope): the user's Spotify account is
/// fine and on the list, so asking the bot owner to add it would mislead.
/// </summary>
public sealed class SpotifyForbiddenException(string? spotifyMessage)
    : SpotifyException("Spotify refused this request (403) for a reason other than the app's user list. Try again later; if it keeps happening, run /link again so Spotify asks for the permissions anew.")
{
    /// <summary>Spotify's own <c>error.message</c>, for logs (it never contains a token).</summary>
    public string? SpotifyMessage { get; } = spotifyMessage;
}
