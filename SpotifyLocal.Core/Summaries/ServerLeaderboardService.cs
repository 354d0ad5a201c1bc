using SpotifyLocal.Core.Stats;
using SpotifyLocal.Core.Storage;

namespace SpotifyLocal.Core.Summaries;

/// <summary>
/// Builds a server's leaderboard from the plays of its visible members only (members are Discord identities; their
/// plays live under their linked Spotify id, or their local id before linking).
/// </summary>
public sealed class ServerLeaderboardService(IServerSettingsStore servers, IChatLinkStore chatLinks, StatsService stats)
{
    /// <summary>The leaderboard, or null when no visible member played anything in the period.</summary>
    public async Task<ServerLeaderboard?> BuildAsync(
        string serverId, Period period, TopKind kind, int limit, CancellationToken cancellationToken)
    {
        var members = await servers.ListVisibleAsync(serverId, cancellationToken);
        if (members.Count == 0)
        {
            return null;
        }

        var userIds = new List<string>(members.Count);
        foreach (var member in members)
        {
            var identity = new ChatIdentity(ChatIdentity.Discord, member.ChatUserId);
            userIds.Add(await chatLinks.GetUserIdAsync(identity, cancellationToken) ?? identity.LocalUserId);
        }

        var items = await stats.GetTopAsync(userIds.Distinct(StringComparer.Ordinal).ToList(), period, kind, limit, cancellationToken);
        if (items.Count == 0)
        {
            return null;
        }

        var listening = new List<MemberListening>(members.Count);
        for (var i = 0; i < members.Count; i++)
        {
            var totals = await stats.GetTotalsAsync([userIds[i]], period, cancellationToken);
            var favorite = totals.Plays == 0 ? null : (await stats.GetTopAsync([userIds[i]], period, kind, 1, cancellationToken)).FirstOrDefault();
            listening.Add(new MemberListening(members[i], totals, favorite));
        }

        return new ServerLeaderboard(period, kind, items, listening);
    }
}
