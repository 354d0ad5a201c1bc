using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using SpotifyLocal.Core.Spotify;
using SpotifyLocal.Core.Storage;

namespace SpotifyLocal.Core.Accounts;

/// <summary>
/// Hands out a valid access token for a linked user: refreshes shortly before expiry and once more after a
/// 401 (one refresh per user at a time), stores rotated tokens through <see cref="AccountLifecycleService"/>, and on
/// <c>invalid_grant</c> (or an undecryptable token) has it end the link and tell the user once. Plays are never deleted.
/// </summary>
public sealed partial class SpotifyTokenService(
    SpotifyAccountsClient accounts,
    IUserStore users,
    AccountLifecycleService lifecycle,
    ITokenProtector protector,
    TokenRefreshLocks refreshLocks,
    TimeProvider timeProvider,
    ILogger<SpotifyTokenService> logger)
{
    /// <summary>Access tokens live an hour; refresh when less than this is left so no call races the expiry.</summary>
    public static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(5);

    /// <summary>Runs <paramref name="call"/> with the user's access token; on a 401 refreshes once and retries.</summary>
    public async Task<T> CallAsync<T>(string spotifyId, Func<string, CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        var accessToken = await GetAccessTokenAsync(spotifyId, forceRefresh: false, cancellationToken);
        try
        {
            return await call(accessToken, cancellationToken);
        }
        catch (SpotifyUnauthorizedException)
        {
            LogUnauthorized(logger, spotifyId);
            accessToken = await GetAccessTokenAsync(spotifyId, forceRefresh: true, cancellationToken);
            return await call(accessToken, cancellationToken);
        }
    }

    /// <summary>A usable access token, refreshed first when it is about to expire or <paramref name="forceRefresh"/>.</summary>
    public async Task<string> GetAccessTokenAsync(string spotifyId, bool forceRefresh, CancellationToken cancellationToken)
    {
        var seen = await GetLinkedAsync(spotifyId, cancellationToken);
        if (!forceRefresh && IsFresh(seen))
        {
            return await UnprotectAsync(seen, seen.EncryptedAccessToken!, cancellationToken);
        }

        var refreshLock = refreshLocks.For(spotifyId);
        await refreshLock.WaitAsync(cancellationToken);
        try
        {
            // Another poll or command may have refreshed while this one waited: use its token instead of refreshing again.
            var user = await GetLinkedAsync(spotifyId, cancellationToken);
            if (user.EncryptedAccessToken != seen.EncryptedAccessToken && IsFresh(user))
            {
                return await UnprotectAsync(user, user.EncryptedAccessToken!, cancellationToken);
            }

            return await RefreshAsync(user, cancellationToken);
        }
        finally
        {
            refreshLock.Release();
        }
    }

    private async Task<string> RefreshAsync(User user, CancellationToken cancellationToken)
    {
        var refreshToken = await UnprotectAsync(user, user.EncryptedRefreshToken!, cancellationToken);
        SpotifyTokens tokens;
        try
        {
            tokens = await accounts.RefreshAsync(refreshToken, cancellationToken);
        }
        catch (SpotifyRelinkRequiredException ex)
        {
            LogRevoked(logger, user.SpotifyId, ex.Description);
            await lifecycle.EndFailedLinkAsync(user, "Spotify ended SpotifyLocal's access to your account (revoked, or the 6-month link expired), so live tracking stopped. Send /link to connect again; your stored plays are kept.", cancellationToken);
            throw;
        }

        // An /unlink or a new /link while Spotify answered replaced the refresh token: the store keeps theirs.
        await lifecycle.StoreRefreshedTokensAsync(user, tokens, cancellationToken);

        LogRefreshed(logger, user.SpotifyId, tokens.ExpiresAt);
        return tokens.AccessToken;
    }

    private async Task<User> GetLinkedAsync(string spotifyId, CancellationToken cancellationToken)
    {
        var user = await users.GetAsync(spotifyId, cancellationToken);
        return user is { LinkState: LinkState.Linked, EncryptedRefreshToken: not null }
            ? user
            : throw new SpotifyRelinkRequiredException("not linked");
    }

    private bool IsFresh(User user) =>
        user.EncryptedAccessToken is not null
        && user.TokenExpiresAt is { } expiresAt
        && expiresAt - timeProvider.GetUtcNow() > RefreshMargin;

    private async Task<string> UnprotectAsync(User user, string protectedValue, CancellationToken cancellationToken)
    {
        try
        {
            return protector.Unprotect(protectedValue);
        }
        catch (CryptographicException ex)
        {
            LogKeyLost(logger, ex, user.SpotifyId);
            await lifecycle.EndFailedLinkAsync(user, "SpotifyLocal can no longer read your stored Spotify link (its encryption key changed). Send /link to connect Spotify again; your stored plays are kept.", cancellationToken);
            throw new SpotifyRelinkRequiredException("token key lost");
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Refreshed the access token of {SpotifyId}; valid until {ExpiresAt}")]
    private static partial void LogRefreshed(ILogger logger, string spotifyId, DateTimeOffset expiresAt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Spotify rejected the access token of {SpotifyId}; refreshing once")]
    private static partial void LogUnauthorized(ILogger logger, string spotifyId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Spotify refused the refresh token of {SpotifyId} ({Description}); the user must relink")]
    private static partial void LogRevoked(ILogger logger, string spotifyId, string? description);

    [LoggerMessage(Level = LogLevel.Error, Message = "Cannot decrypt the stored tokens of {SpotifyId}: was the key directory lost or replaced? The user must relink")]
    private static partial void LogKeyLost(ILogger logger, Exception exception, string spotifyId);
}
