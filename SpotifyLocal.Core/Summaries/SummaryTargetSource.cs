using SpotifyLocal.Core.Storage;

namespace SpotifyLocal.Core.Summaries;

/// <summary>Who gets a weekly summary right now: servers with weekly posting on, and users who subscribed.</summary>
public sealed class SummaryTargetSource(
    IServerSettingsStore servers,
    IWeeklySubscriptionStore subscriptions,
    IChatLinkStore chatLinks,
    IUserStore users)
{
    public async Task<IReadOnlyList<SummaryTarget>> ListAsync(CancellationToken cancellationToken)
    {
        var targets = new List<SummaryTarget>();
        foreach (var server in await servers.ListWeeklyEnabledAsync(cancellationToken))
        {
            targets.Add(new SummaryTarget(SummaryTargetKind.Server, ChatIdentity.Discord, server.ServerId, server.WeeklyChannelId!, server.TimeZone));
        }

        foreach (var identity in await subscriptions.ListAsync(cancellationToken))
        {
            var userId = await chatLinks.GetUserIdAsync(identity, cancellationToken) ?? identity.LocalUserId;
            var user = await users.GetAsync(userId, cancellationToken);
            targets.Add(new SummaryTarget(SummaryTargetKind.User, identity.Platform, identity.ChatUserId, identity.ChatUserId, user?.TimeZone ?? "UTC")
            {
                UserId = userId,
            });
        }

        return targets;
    }

    /// <summary>Stops posting to a target the platform refused for good: a server's weekly switch goes off with the reason, a user is unsubscribed.</summary>
    public async Task DisableAsync(SummaryTarget target, string reason, CancellationToken cancellationToken)
    {
        if (target.Kind == SummaryTargetKind.User)
        {
            await subscriptions.SetAsync(new ChatIdentity(target.Platform, target.Id), false, cancellationToken);
            return;
        }

        var settings = await servers.GetAsync(target.Id, cancellationToken) ?? new ServerSettings { ServerId = target.Id };
        await servers.UpsertAsync(settings with { WeeklyEnabled = false, WeeklyDisabledReason = reason }, cancellationToken);
    }
}
