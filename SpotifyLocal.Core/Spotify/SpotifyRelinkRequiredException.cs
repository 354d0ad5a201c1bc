namespace SpotifyLocal.Core.Spotify;

/// <summary>
/// The token endpoint answered <c>invalid_grant</c> (revoked, expired after six months, or a bad code):
/// the user must run /link again. Their stored plays are kept.
/// </summary>
public sealed class SpotifyRelinkRequiredException(string? description)
    : SpotifyException("Spotify no longer accepts this link (it was revoked or expired). Run /link to connect Spotify again; your stored plays are kept.")
{
    /// <summary>Spotify's <c>error_description</c>, for logs (it never contains the token).</summary>
    public string? Description { get; } = description;
}
