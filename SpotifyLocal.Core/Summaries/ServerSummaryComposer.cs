using System.Text;
using SpotifyLocal.Core.Charts;
using SpotifyLocal.Core.Storage;

namespace SpotifyLocal.Core.Summaries;

/// <summary>
/// Turns a server leaderboard into a message: the chart of the server's top list, the top listener, total minutes and
/// each visible member's #1. Serves the weekly post and <c>/server top</c> alike.
/// </summary>
public sealed class ServerSummaryComposer(ServerLeaderboardService leaderboards, ChartRenderer charts)
{
    /// <summary>The message for the period, or null when no visible member played anything.</summary>
    public async Task<SummaryMessage?> ComposeAsync(
        string serverId, Stats.Period period, TopKind kind, int limit, string titlePrefix, CancellationToken cancellationToken)
    {
        var board = await leaderboards.BuildAsync(serverId, period, kind, limit, cancellationToken);
        return board is null ? null : Compose(board, titlePrefix);
    }

    public SummaryMessage Compose(ServerLeaderboard board, string titlePrefix)
    {
        var text = new StringBuilder();
        if (board.TopListener is { } top)
        {
            text.Append("Top listener: ").Append(top.Name).Append(" (").Append(SummaryText.Minutes(top.Totals.MsPlayed)).Append(")\n");
        }

        var active = board.Members.Count(m => m.Totals.Plays > 0);
        text.Append("Together: ").Append(SummaryText.Minutes(board.TotalMsPlayed))
            .Append(" from ").Append(active).Append(active == 1 ? " member" : " members").Append('\n');
        text.Append("\nEach member's #1:\n");
        foreach (var member in board.Members.Where(m => m.Favorite is not null).OrderByDescending(m => m.Totals.MsPlayed))
        {
            var favorite = member.Favorite!;
            text.Append("• ").Append(member.Name).Append(" — ").Append(favorite.Name);
            if (board.Kind != TopKind.Artists && favorite.ArtistName is { Length: > 0 } artist)
            {
                text.Append(" by ").Append(artist);
            }

            text.Append(" (").Append(SummaryText.Plays(favorite.Plays)).Append(")\n");
        }

        text.Append("\nOnly members who turned on /visibility in this server are counted.");
        var png = charts.RenderTop(board.Items, board.Kind, new ChartHeader("this server", board.Period.Label));
        return new SummaryMessage($"{titlePrefix} · top {SummaryText.Kind(board.Kind)} · {board.Period.Label}", text.ToString(), png)
        {
            PngFileName = "server-top.png",
        };
    }
}
