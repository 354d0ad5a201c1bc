namespace SpotifyLocal.Core.Storage;

/// <summary>What a confirmed Spotify link stores on the user: the profile's account id and name, encrypted tokens, consent time.</summary>
public sealed record LinkGrant(
    string? AccountId,
    string? DisplayName,
    string EncryptedAccessToken,
    string EncryptedRefreshToken,
    DateTimeOffset TokenExpiresAt,
    DateTimeOffset ConsentedAt);
