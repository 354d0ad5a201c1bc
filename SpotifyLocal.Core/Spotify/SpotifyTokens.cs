using System.Text;

namespace SpotifyLocal.Core.Spotify;

/// <summary>A usable token pair: the access token, the refresh token to keep, and when the access token expires.</summary>
public sealed record SpotifyTokens(string AccessToken, string RefreshToken, DateTimeOffset ExpiresAt, string? Scope)
{
    // The generated ToString would print both tokens wherever the record is logged or interpolated.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("ExpiresAt = ").Append(ExpiresAt.ToString("O")).Append(", Scope = ").Append(Scope);
        return true;
    }
}
