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

    /// <summary>
    /// 502 with an HTML page from Spotify's edge, not JSON: error bodies are only JSON when the Web API itself answers
    /// (developer.spotify.com/documentation/web-api/concepts/api-calls, "Response Status Codes" lists 502/503 as gateway errors).
    /// </summary>
    BadGatewayHtml,

    /// <summary>503 with a plain-text body ("upstream connect error ..."), as a proxy in front of the API sends it.</summary>
    UnavailablePlainText,

    /// <summary>
    /// A 403 that is not the development-mode allow-list case: Spotify's <c>{"error":{"status":403,"message":"..."}}</c>
    /// shape with another message (developer.spotify.com/documentation/web-api/concepts/api-calls, 403 "Forbidden").
    /// </summary>
    ForbiddenOther,

    /// <summary>
    /// Spotify handles the request (a code exchange consumes its code) but the answer is lost: the client sees a plain-text
    /// 503. A retried exchange of that code then gets <c>invalid_grant</c> "Invalid authorization code", because
    /// codes are single use (developer.spotify.com/documentation/web-api/tutorials/code-flow; RFC 6749 §4.1.2).
    /// </summary>
    AnswerLost,

    /// <summary>
    /// Like <see cref="AnswerLost"/>, but the connection is reset instead of answered: Spotify handled the request (a code
    /// exchange consumed its code) and the client sees no HTTP answer at all.
    /// </summary>
    ConnectionDropped,
}
