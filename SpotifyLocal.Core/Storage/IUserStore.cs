namespace SpotifyLocal.Core.Storage;

/// <summary>
/// Persistence of <see cref="User"/> records, keyed by <see cref="User.SpotifyId"/>. Every write changes only the fields
/// its step owns (no whole-record replace), so steps that run side by side (a poll, a token refresh, /timezone,
/// /unlink) never write back what another one changed.
/// </summary>
public interface IUserStore
{
    Task<User?> GetAsync(string spotifyId, CancellationToken cancellationToken);

    /// <summary>The user Spotify's <c>account_id</c> belongs to, or null.</summary>
    Task<User?> FindByAccountIdAsync(string accountId, CancellationToken cancellationToken);

    /// <summary>Stores the user unless one with its id exists (then changes nothing); true when it was created.</summary>
    Task<bool> CreateAsync(User user, CancellationToken cancellationToken);

    Task SetTimeZoneAsync(string spotifyId, string timeZone, CancellationToken cancellationToken);

    Task MarkFullImportAsync(string spotifyId, CancellationToken cancellationToken);

    /// <summary>A recently-played poll finished: sets <see cref="User.LastCheckAt"/> and <see cref="User.HasInitialImport"/>.</summary>
    Task RecordCheckAsync(string spotifyId, DateTimeOffset at, CancellationToken cancellationToken);

    Task MarkRelinkReminderSentAsync(string spotifyId, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>A confirmed link: profile, tokens and consent time, state <see cref="LinkState.Linked"/>.</summary>
    Task StoreLinkAsync(string spotifyId, LinkGrant grant, CancellationToken cancellationToken);

    /// <summary>
    /// Stores refreshed tokens only while the link still holds <paramref name="expectedEncryptedRefreshToken"/> (an
    /// /unlink or a new /link meanwhile wins); true when stored.
    /// </summary>
    Task<bool> ReplaceTokensAsync(
        string spotifyId,
        string expectedEncryptedRefreshToken,
        string encryptedAccessToken,
        string encryptedRefreshToken,
        DateTimeOffset expiresAt,
        CancellationToken cancellationToken);

    /// <summary>
    /// Drops the tokens and sets <paramref name="state"/>. With <paramref name="expectedEncryptedRefreshToken"/>, only a
    /// link that is still <see cref="LinkState.Linked"/> with that refresh token ends; true when something changed.
    /// </summary>
    Task<bool> EndLinkAsync(string spotifyId, LinkState state, string? expectedEncryptedRefreshToken, CancellationToken cancellationToken);

    /// <summary>Users whose tokens can be used (<see cref="LinkState.Linked"/>).</summary>
    Task<IReadOnlyList<User>> ListLinkedAsync(CancellationToken cancellationToken);

    Task<bool> DeleteAsync(string spotifyId, CancellationToken cancellationToken);
}
