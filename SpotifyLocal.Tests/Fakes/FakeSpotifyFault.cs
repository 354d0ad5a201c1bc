namespace SpotifyLocal.Tests.Fakes;

/// <summary>What the fake Spotify does instead of answering one request.</summary>
public enum FakeSpotifyFault
{
    /// <summary>429 with <c>Retry-After</c> (seconds from <see cref="FakeSpotify.RetryAfterSeconds"/>).</summary>
    RateLimited,

    /// <summary>429 with the July-2026 <c>QUOTA_EXCEEDED</c> body.</summary>
    QuotaExceeded,

    /// <summary>500 with a Web API error body.</summary>
    ServerError,

    /// <summary>Never answers (until the client gives up).</summary>
    Timeout,

    /// <summary>401 "The access token expired".</summary>
    Unauthorized,
}
