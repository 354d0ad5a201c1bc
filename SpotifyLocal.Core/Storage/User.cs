namespace SpotifyLocal.Core.Storage;

/// <summary>
/// A SpotifyLocal user. <see cref="SpotifyId"/> is the Spotify user id once linked; a chat identity that
/// has not linked yet gets a local id (<c>telegram:123</c>, see <see cref="ChatIdentity.LocalUserId"/>) so
/// imports and stats work without Spotify. Tokens are stored encrypted (see <c>Accounts.ITokenProtector</c>).
/// </summary>
public sealed record User
{
    public required string SpotifyId { get; init; }

    /// <summary>
    /// Spotify's stable account id from <c>GET /v1/me</c>, which Spotify recommends for account linking: a new link finds
    /// its user by this id first (records from before it was stored are found by <see cref="SpotifyId"/>).
    /// </summary>
    public string? AccountId { get; init; }

    public string? DisplayName { get; init; }

    public string? EncryptedAccessToken { get; init; }

    public string? EncryptedRefreshToken { get; init; }

    public DateTimeOffset? TokenExpiresAt { get; init; }

    /// <summary>When the user last granted consent; Spotify refresh tokens die six months later.</summary>
    public DateTimeOffset? ConsentedAt { get; init; }

    public required DateTimeOffset JoinedAt { get; init; }

    public bool HasInitialImport { get; init; }

    public bool HasFullImport { get; init; }

    public DateTimeOffset? LastCheckAt { get; init; }

    /// <summary>IANA time zone id used for periods and summaries.</summary>
    public string TimeZone { get; init; } = "UTC";

    public LinkState LinkState { get; init; } = LinkState.NotLinked;

    /// <summary>When the user was last reminded to relink before their token dies (so it happens once).</summary>
    public DateTimeOffset? RelinkReminderSentAt { get; init; }
}
