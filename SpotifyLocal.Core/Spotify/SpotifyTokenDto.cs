using System.Text;
using System.Text.Json.Serialization;

namespace SpotifyLocal.Core.Spotify;

/// <summary>The token endpoint's success body (code exchange and refresh).</summary>
public sealed record SpotifyTokenDto(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("token_type")] string? TokenType,
    [property: JsonPropertyName("scope")] string? Scope,
    [property: JsonPropertyName("expires_in")] int ExpiresIn,
    [property: JsonPropertyName("refresh_token")] string? RefreshToken)
{
    // The generated ToString would print both tokens wherever the record is logged or interpolated.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("TokenType = ").Append(TokenType).Append(", Scope = ").Append(Scope).Append(", ExpiresIn = ").Append(ExpiresIn);
        return true;
    }
}
