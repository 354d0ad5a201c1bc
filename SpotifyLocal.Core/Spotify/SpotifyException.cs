namespace SpotifyLocal.Core.Spotify;

/// <summary>Base of every Spotify failure; <see cref="Exception.Message"/> is safe to show a user (no tokens, no codes).</summary>
public class SpotifyException : UserFacingException
{
    public SpotifyException(string message)
        : base(message, null)
    {
    }

    public SpotifyException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
