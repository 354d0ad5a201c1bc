using Microsoft.Extensions.Logging;
using SpotifyLocal.Core.Stats;
using SpotifyLocal.Core.Storage;

namespace SpotifyLocal.Core.Accounts;

/// <summary>
/// Maps a chat identity to the user its plays are stored under (the linked Spotify id, or the identity's
/// local id before linking) and carries out account-level commands: time zone, unlink, forget.
/// </summary>
public sealed class ChatAccountService(
    IUserStore users,
    IChatLinkStore chatLinks,
    IPlayStore plays,
    IImportJobStore importJobs,
    IServerSettingsStore servers,
    IWeeklySubscriptionStore weeklySubscriptions,
    ISummaryLedgerStore summaryLedger,
    TimeProvider time,
    ILogger<ChatAccountService> logger)
{
    /// <summary>The user id the identity's plays live under.</summary>
    public async Task<string> ResolveUserIdAsync(ChatIdentity identity, CancellationToken cancellationToken) =>
        await chatLinks.GetUserIdAsync(identity, cancellationToken) ?? identity.LocalUserId;

    /// <summary>The identity's user record, or a fresh (unsaved) one with defaults when none is stored yet.</summary>
    public async Task<User> GetUserAsync(ChatIdentity identity, CancellationToken cancellationToken)
    {
        var userId = await ResolveUserIdAsync(identity, cancellationToken);
        return await users.GetAsync(userId, cancellationToken) ?? new User { SpotifyId = userId, JoinedAt = time.GetUtcNow() };
    }

    /// <summary>Sets the time zone used for the identity's periods and summaries; the id must be a known IANA zone.</summary>
    public async Task<string> SetTimeZoneAsync(ChatIdentity identity, string timeZoneId, CancellationToken cancellationToken)
    {
        var ianaId = UserTimeZones.RequireIanaId(timeZoneId);
        var user = await GetUserAsync(identity, cancellationToken);
        await users.UpsertAsync(user with { TimeZone = ianaId }, cancellationToken);
        return ianaId;
    }

    /// <summary>Drops the Spotify tokens and this chat link; stored plays stay with the Spotify id.</summary>
    public async Task<bool> UnlinkAsync(ChatIdentity identity, CancellationToken cancellationToken)
    {
        var userId = await chatLinks.GetUserIdAsync(identity, cancellationToken);
        if (userId is null)
        {
            return false;
        }

        if (await users.GetAsync(userId, cancellationToken) is { } user)
        {
            await users.UpsertAsync(
                user with
                {
                    EncryptedAccessToken = null,
                    EncryptedRefreshToken = null,
                    TokenExpiresAt = null,
                    LinkState = LinkState.NotLinked,
                },
                cancellationToken);
        }

        await chatLinks.RemoveAsync(identity, cancellationToken);
        logger.LogInformation("Unlinked {Platform} identity from user {UserId}", identity.Platform, userId);
        return true;
    }

    /// <summary>
    /// Deletes every play and import job stored for the identity (and its local data), its visibility in servers, its
    /// weekly subscription and the record of its weekly summaries; returns the plays deleted.
    /// </summary>
    public async Task<long> ForgetAsync(ChatIdentity identity, CancellationToken cancellationToken)
    {
        var userIds = new HashSet<string>(StringComparer.Ordinal) { identity.LocalUserId, await ResolveUserIdAsync(identity, cancellationToken) };
        long deleted = 0;
        foreach (var userId in userIds)
        {
            deleted += await plays.DeleteUserAsync(userId, cancellationToken);
            await importJobs.DeleteUserAsync(userId, cancellationToken);
        }

        if (identity.Platform == ChatIdentity.Discord)
        {
            await servers.RemoveVisibleEverywhereAsync(identity.ChatUserId, cancellationToken);
        }

        await weeklySubscriptions.SetAsync(identity, false, cancellationToken);
        await summaryLedger.DeleteTargetAsync(Summaries.SummaryTarget.KeyOf(Summaries.SummaryTargetKind.User, identity.Platform, identity.ChatUserId), cancellationToken);

        logger.LogInformation("Forgot {Count} plays of a {Platform} identity", deleted, identity.Platform);
        return deleted;
    }
}
