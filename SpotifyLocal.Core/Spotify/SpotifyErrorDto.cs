using System.Text.Json.Serialization;

namespace SpotifyLocal.Core.Spotify;

/// <summary>The Web API's error body: <c>{"error":{"status":429,"message":"…","reason":"QUOTA_EXCEEDED"}}</c>.</summary>
public sealed record SpotifyErrorDto([property: JsonPropertyName("error")] SpotifyErrorDetailDto? Error);
