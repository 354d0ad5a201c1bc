namespace SpotifyLocal.Core.Spotify;

/// <summary>
/// The authorization-code exchange got no usable answer (5xx, timeout, dropped connection). It is never retried: the
/// single-use code may already be consumed, so the user starts a fresh /link.
/// </summary>
public sealed class SpotifyCodeExchangeFailedException(Exception innerException)
    : SpotifyException("Spotify did not answer the sign-in, and its one-time code cannot be used twice, so nothing was linked. Send /link in the chat again in a minute.", innerException);
