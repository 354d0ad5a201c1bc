using System.Text.Json.Serialization;

namespace SpotifyLocal.Core.Spotify;

/// <summary>The token endpoint's error body, e.g. <c>{"error":"invalid_grant","error_description":"Refresh token revoked"}</c>.</summary>
public sealed record SpotifyTokenErrorDto(
    [property: JsonPropertyName("error")] string? Error,
    [property: JsonPropertyName("error_description")] string? ErrorDescription);
