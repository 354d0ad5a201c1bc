namespace SpotifyLocal.Core.Spotify;

/// <summary>A 429 whose body says <c>QUOTA_EXCEEDED</c>: the app used up a quota period, so polling pauses instead of retrying.</summary>
public sealed class SpotifyQuotaExceededException(TimeSpan pause)
    : SpotifyException("The bot's Spotify app has used up its request quota for now; tracking resumes automatically later.")
{
    public TimeSpan Pause { get; } = pause;
}
