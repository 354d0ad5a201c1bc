using Microsoft.Extensions.Logging;
using SpotifyLocal.Core.Spotify;
using SpotifyLocal.Core.Stats;
using SpotifyLocal.Core.Storage;

namespace SpotifyLocal.Core.Accounts;

/// <summary>
/// The one owner of an account's lifecycle: a chat identity's user, its Spotify link and tokens, unlink and forget.
/// Each step is a small set of field-level store writes (never a whole-record replace), so steps that run side by side
/// (a poll, a token refresh, /timezone, /unlink) cannot undo one another.
/// </summary>
public sealed class AccountLifecycleService(
    IUserStore users,
    IChatLinkStore chatLinks,
    IPlayStore plays,
    IImportJobStore importJobs,
    IServerSettingsStore servers,
    IWeeklySubscriptionStore weeklySubscriptions,
    ISummaryLedgerStore summaryLedger,
    ITokenProtector protector,
    IChatNotifier notifier,
    AccountWriters writers,
    TimeProvider time,
    ILogger<AccountLifecycleService> logger)
{
    /// <summary>The user id the identity's plays live under.</summary>
    public async Task<string> ResolveUserIdAsync(ChatIdentity identity, CancellationToken cancellationToken) =>
        await chatLinks.GetUserIdAsync(identity, cancellationToken) ?? identity.LocalUserId;

    /// <summary>The identity's user record, or a fresh (unsaved) one with defaults when none is stored yet.</summary>
    public async Task<User> GetUserAsync(ChatIdentity identity, CancellationToken cancellationToken)
    {
        var userId = await ResolveUserIdAsync(identity, cancellationToken);
        return await users.GetAsync(userId, cancellationToken) ?? NewUser(userId);
    }

    /// <summary>Sets the time zone used for the identity's periods and summaries; the id must be a known IANA zone.</summary>
    public async Task<string> SetTimeZoneAsync(ChatIdentity identity, string timeZoneId, CancellationToken cancellationToken)
    {
        var ianaId = UserTimeZones.RequireIanaId(timeZoneId);
        var userId = await ResolveUserIdAsync(identity, cancellationToken);
        await users.CreateAsync(NewUser(userId), cancellationToken);
        await users.SetTimeZoneAsync(userId, ianaId, cancellationToken);
        return ianaId;
    }

    /// <summary>Token refresh: stores Spotify's new tokens unless the link changed meanwhile (an /unlink or a new /link wins).</summary>
    public async Task<bool> StoreRefreshedTokensAsync(User refreshed, SpotifyTokens tokens, CancellationToken cancellationToken) =>
        await users.ReplaceTokensAsync(
            refreshed.SpotifyId,
            refreshed.EncryptedRefreshToken!,
            protector.Protect(tokens.AccessToken),
            protector.Protect(tokens.RefreshToken),
            tokens.ExpiresAt,
            cancellationToken);

    /// <summary>
    /// Spotify ended the link (revoked, expired, or the token key is lost): stops tracking and tells each chat identity,
    /// once. Only the link that failed ends; one replaced meanwhile by /unlink or a new /link is left alone.
    /// </summary>
    public async Task EndFailedLinkAsync(User failed, string text, CancellationToken cancellationToken)
    {
        if (failed.EncryptedRefreshToken is null
            || !await users.EndLinkAsync(failed.SpotifyId, LinkState.NeedsRelink, failed.EncryptedRefreshToken, cancellationToken))
        {
            return;
        }

        foreach (var identity in await chatLinks.ListForUserAsync(failed.SpotifyId, cancellationToken))
        {
            await notifier.NotifyAsync(identity, new ChatNotice(text, OfferLink: true), cancellationToken);
        }
    }

    /// <summary>Drops the Spotify tokens and this chat link; stored plays stay with the Spotify id.</summary>
    public async Task<bool> UnlinkAsync(ChatIdentity identity, CancellationToken cancellationToken)
    {
        var userId = await chatLinks.GetUserIdAsync(identity, cancellationToken);
        if (userId is null)
        {
            return false;
        }

        await users.EndLinkAsync(userId, LinkState.NotLinked, expectedEncryptedRefreshToken: null, cancellationToken);
        await chatLinks.RemoveAsync(identity, cancellationToken);
        logger.LogInformation("Unlinked {Platform} identity from user {UserId}", identity.Platform, userId);
        return true;
    }

    /// <summary>
    /// /forget: deletes everything stored about the person behind <paramref name="identity"/>: the Spotify user it is
    /// linked to (plays, rollups, import jobs, the user record with its tokens) and every chat identity linked to that
    /// user (their local data, chat links, weekly subscriptions, summary records and server visibility). Running polls,
    /// imports and play moves for them are cancelled and awaited first, and new ones are refused until it is done, so
    /// tracking stops and nothing is written back. Returns the plays deleted.
    /// </summary>
    public async Task<long> ForgetAsync(ChatIdentity identity, CancellationToken cancellationToken)
    {
        var linkedUserId = await chatLinks.GetUserIdAsync(identity, cancellationToken);
        var identities = new HashSet<ChatIdentity> { identity };
        if (linkedUserId is not null)
        {
            identities.UnionWith(await chatLinks.ListForUserAsync(linkedUserId, cancellationToken));
        }

        var userIds = new HashSet<string>(identities.Select(i => i.LocalUserId), StringComparer.Ordinal);
        if (linkedUserId is not null)
        {
            userIds.Add(linkedUserId);
        }

        using var stopped = await writers.StopAsync(userIds);
        long deleted = 0;
        foreach (var userId in userIds)
        {
            // Tracking stops first: a user without tokens is never polled again.
            await users.EndLinkAsync(userId, LinkState.NotLinked, expectedEncryptedRefreshToken: null, cancellationToken);
            deleted += await plays.DeleteUserAsync(userId, cancellationToken);
            await importJobs.DeleteUserAsync(userId, cancellationToken);
            await users.DeleteAsync(userId, cancellationToken);
        }

        foreach (var person in identities)
        {
            await chatLinks.RemoveAsync(person, cancellationToken);
            await weeklySubscriptions.SetAsync(person, false, cancellationToken);
            await summaryLedger.DeleteTargetAsync(Summaries.SummaryTarget.KeyOf(Summaries.SummaryTargetKind.User, person.Platform, person.ChatUserId), cancellationToken);
            if (person.Platform == ChatIdentity.Discord)
            {
                await servers.RemoveVisibleEverywhereAsync(person.ChatUserId, cancellationToken);
            }
        }

        logger.LogInformation("Forgot {Count} plays and {Identities} chat identities of a {Platform} identity", deleted, identities.Count, identity.Platform);
        return deleted;
    }

    private User NewUser(string userId) => new() { SpotifyId = userId, JoinedAt = time.GetUtcNow() };
}
