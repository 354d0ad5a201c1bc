namespace SpotifyLocal.Core.Spotify;

/// <summary>A 401 from the Web API: the access token expired or was revoked; refresh once and retry.</summary>
public sealed class SpotifyUnauthorizedException()
    : SpotifyException("Spotify rejected the access token.");
