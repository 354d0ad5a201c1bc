using System.Text.Json.Serialization;

namespace SpotifyLocal.Core.Spotify;

/// <summary>
/// <c>GET /v1/me</c>: <c>id</c> is the user id; <c>account_id</c> is the stable id Spotify recommends for account linking.
/// The e-mail (and its scope) is neither requested nor read: SpotifyLocal does not store it.
/// </summary>
public sealed record SpotifyProfileDto(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("account_id")] string? AccountId,
    [property: JsonPropertyName("display_name")] string? DisplayName);
