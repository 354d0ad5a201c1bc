namespace SpotifyLocal.Core.Spotify;

/// <summary>Spotify answered 429 (or the app is still waiting out an earlier 429): nothing is sent until <see cref="RetryAfter"/> has passed.</summary>
public sealed class SpotifyRateLimitedException(TimeSpan retryAfter)
    : SpotifyException($"Spotify asked SpotifyLocal to slow down; try again in {Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))} s.")
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}
