using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using SpotifyLocal.Core.Spotify;
using SpotifyLocal.Core.Storage;

namespace SpotifyLocal.Core.Accounts;

/// <summary>
/// Hands out a valid access token for a linked user: refreshes shortly before expiry and once more after a
/// 401, stores rotated tokens encrypted, and on <c>invalid_grant</c> (or an undecryptable token) marks the user
/// <see cref="LinkState.NeedsRelink"/> and tells them once through their chat links. Plays are never deleted.
/// </summary>
public sealed partial class SpotifyTokenService(
    SpotifyAccountsClient accounts,
    IUserStore users,
    IChatLinkStore chatLinks,
    ITokenProtector protector,
    IChatNotifier notifier,
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
        var user = await users.GetAsync(spotifyId, cancellationToken);
        if (user is not { LinkState: LinkState.Linked, EncryptedRefreshToken: not null })
        {
            throw new SpotifyRelinkRequiredException("not linked");
        }

        string refreshToken;
        try
        {
            var fresh = !forceRefresh
                && user.EncryptedAccessToken is not null
                && user.TokenExpiresAt is { } expiresAt
                && expiresAt - timeProvider.GetUtcNow() > RefreshMargin;
            if (fresh)
            {
                return protector.Unprotect(user.EncryptedAccessToken!);
            }

            refreshToken = protector.Unprotect(user.EncryptedRefreshToken);
        }
        catch (CryptographicException ex)
        {
            LogKeyLost(logger, ex, spotifyId);
            await MarkNeedsRelinkAsync(spotifyId, "SpotifyLocal can no longer read your stored Spotify link (its encryption key changed). Send /link to connect Spotify again; your stored plays are kept.", cancellationToken);
            throw new SpotifyRelinkRequiredException("token key lost");
        }

        SpotifyTokens tokens;
        try
        {
            tokens = await accounts.RefreshAsync(refreshToken, cancellationToken);
        }
        catch (SpotifyRelinkRequiredException ex)
        {
            LogRevoked(logger, spotifyId, ex.Description);
            await MarkNeedsRelinkAsync(spotifyId, "Spotify ended SpotifyLocal's access to your account (revoked, or the 6-month link expired), so live tracking stopped. Send /link to connect again; your stored plays are kept.", cancellationToken);
            throw;
        }

        var latest = await users.GetAsync(spotifyId, cancellationToken) ?? user;
        await users.UpsertAsync(
            latest with
            {
                EncryptedAccessToken = protector.Protect(tokens.AccessToken),
                EncryptedRefreshToken = protector.Protect(tokens.RefreshToken),
                TokenExpiresAt = tokens.ExpiresAt,
            },
            cancellationToken);
        LogRefreshed(logger, spotifyId, tokens.ExpiresAt);
        return tokens.AccessToken;
    }

    /// <summary>Stops tracking the user and notifies each chat identity, once: only the Linked → NeedsRelink transition notifies.</summary>
    private async Task MarkNeedsRelinkAsync(string spotifyId, string text, CancellationToken cancellationToken)
    {
        var user = await users.GetAsync(spotifyId, cancellationToken);
        if (user is null || user.LinkState == LinkState.NeedsRelink)
        {
            return;
        }

        await users.UpsertAsync(
            user with { LinkState = LinkState.NeedsRelink, EncryptedAccessToken = null, EncryptedRefreshToken = null, TokenExpiresAt = null },
            cancellationToken);
        foreach (var identity in await chatLinks.ListForUserAsync(spotifyId, cancellationToken))
        {
            await notifier.NotifyAsync(identity, new ChatNotice(text, OfferLink: true), cancellationToken);
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
