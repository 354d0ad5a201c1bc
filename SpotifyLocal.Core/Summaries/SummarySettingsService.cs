using SpotifyLocal.Core.Stats;
using SpotifyLocal.Core.Storage;

namespace SpotifyLocal.Core.Summaries;

/// <summary>
/// The settings behind weekly summaries and server leaderboards: a server's weekly channel and time zone (admins
/// only; the caller's rights are checked by the chat layer), members' visibility opt-in and users' private
/// <c>/weekly on|off</c>.
/// </summary>
public sealed class SummarySettingsService(
    IServerSettingsStore servers,
    IWeeklySubscriptionStore subscriptions,
    TimeProvider time)
{
    /// <summary>The server's settings, or defaults (weekly off, UTC) when none are stored.</summary>
    public async Task<ServerSettings> GetServerAsync(string serverId, CancellationToken cancellationToken) =>
        await servers.GetAsync(serverId, cancellationToken) ?? new ServerSettings { ServerId = serverId };

    /// <summary>Turns weekly posts on in <paramref name="channelId"/> (clearing any reason the bot had turned them off for).</summary>
    public async Task<ServerSettings> SetWeeklyChannelAsync(string serverId, string channelId, CancellationToken cancellationToken)
    {
        var settings = await GetServerAsync(serverId, cancellationToken) with
        {
            WeeklyChannelId = channelId,
            WeeklyEnabled = true,
            WeeklyDisabledReason = null,
        };
        await servers.UpsertAsync(settings, cancellationToken);
        return settings;
    }

    /// <summary>Turns the server's weekly posts off (the channel is kept for turning them on again).</summary>
    public async Task<ServerSettings> TurnWeeklyOffAsync(string serverId, CancellationToken cancellationToken)
    {
        var settings = await GetServerAsync(serverId, cancellationToken) with { WeeklyEnabled = false, WeeklyDisabledReason = null };
        await servers.UpsertAsync(settings, cancellationToken);
        return settings;
    }

    /// <summary>Sets the zone the server's weeks and post time follow; returns the IANA id stored.</summary>
    /// <exception cref="UserFacingException">The id is not a known IANA zone.</exception>
    public async Task<string> SetServerTimeZoneAsync(string serverId, string timeZoneId, CancellationToken cancellationToken)
    {
        var ianaId = UserTimeZones.RequireIanaId(timeZoneId);
        await servers.UpsertAsync(await GetServerAsync(serverId, cancellationToken) with { TimeZone = ianaId }, cancellationToken);
        return ianaId;
    }

    /// <summary>Opts the member in (with the name others will see) or out of being shown in this server.</summary>
    public async Task SetVisibleAsync(string serverId, string chatUserId, string? displayName, bool visible, CancellationToken cancellationToken)
    {
        if (visible)
        {
            await servers.SetVisibleAsync(new VisibleMember(serverId, chatUserId, displayName, time.GetUtcNow()), cancellationToken);
        }
        else
        {
            await servers.RemoveVisibleAsync(serverId, chatUserId, cancellationToken);
        }
    }

    /// <summary>The member's visibility entry in this server, or null when they have not opted in.</summary>
    public async Task<VisibleMember?> FindVisibleAsync(string serverId, string chatUserId, CancellationToken cancellationToken) =>
        (await servers.ListVisibleAsync(serverId, cancellationToken)).FirstOrDefault(m => m.ChatUserId == chatUserId);

    public Task<bool> IsVisibleAsync(string serverId, string chatUserId, CancellationToken cancellationToken) =>
        servers.IsVisibleAsync(serverId, chatUserId, cancellationToken);

    public Task SetWeeklyAsync(ChatIdentity identity, bool enabled, CancellationToken cancellationToken) =>
        subscriptions.SetAsync(identity, enabled, cancellationToken);

    public Task<bool> IsWeeklyAsync(ChatIdentity identity, CancellationToken cancellationToken) =>
        subscriptions.IsSubscribedAsync(identity, cancellationToken);
}
