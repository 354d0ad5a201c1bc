namespace SpotifyLocal.Core.Spotify;

/// <summary>A usable token pair: the access token, the refresh token to keep, and when the access token expires.</summary>
public sealed record SpotifyTokens(string AccessToken, string RefreshToken, DateTimeOffset ExpiresAt, string? Scope);
