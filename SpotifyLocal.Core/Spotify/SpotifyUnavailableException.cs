using System.Net;

namespace SpotifyLocal.Core.Spotify;

/// <summary>Spotify failed (5xx, timeout, network error or an unexpected status) even after the retries.</summary>
public sealed class SpotifyUnavailableException(HttpStatusCode? statusCode, Exception? innerException = null)
    : SpotifyException("Spotify is not answering properly right now; please try again in a few minutes.", innerException)
{
    /// <summary>The last HTTP status, or null for a timeout or network error.</summary>
    public HttpStatusCode? StatusCode { get; } = statusCode;
}
