using System.Globalization;
using System.Text;
using SpotifyLocal.Core.Charts;
using SpotifyLocal.Core.Stats;
using SpotifyLocal.Core.Storage;

namespace SpotifyLocal.Core.Summaries;

/// <summary>A user's private weekly summary: top 5 artists and tracks as a chart, minutes listened and the change against the week before.</summary>
public sealed class UserSummaryComposer(StatsService stats, ChartRenderer charts)
{
    private const int TopCount = 5;

    /// <summary>The summary of the week, or null when the user played nothing that week.</summary>
    public async Task<SummaryMessage?> ComposeAsync(string userId, string? userName, Period week, CancellationToken cancellationToken)
    {
        var totals = await stats.GetTotalsAsync([userId], week, cancellationToken);
        if (totals.Plays == 0)
        {
            return null;
        }

        var before = Periods.WeekContaining(week.From.AddTicks(-1), week.TimeZone);
        var previous = await stats.GetTotalsAsync([userId], before, cancellationToken);
        var artists = await stats.GetTopAsync([userId], week, TopKind.Artists, TopCount, cancellationToken);
        var tracks = await stats.GetTopAsync([userId], week, TopKind.Tracks, TopCount, cancellationToken);

        var text = new StringBuilder();
        text.Append("You listened ").Append(SummaryText.Minutes(totals.MsPlayed)).Append(" (").Append(SummaryText.Plays(totals.Plays)).Append(')');
        text.Append(previous.MsPlayed == 0
            ? "; the week before you listened to nothing."
            : $", {Change(totals.MsPlayed, previous.MsPlayed)} against the week before ({SummaryText.Minutes(previous.MsPlayed)}).");
        AppendTop(text, "Top artists", artists, withArtist: false);
        AppendTop(text, "Top tracks", tracks, withArtist: true);

        var header = new ChartHeader(userName ?? "you", week.Label);
        var png = SummaryChartStack.Stack([charts.RenderTop(artists, TopKind.Artists, header), charts.RenderTop(tracks, TopKind.Tracks, header)]);
        return new SummaryMessage($"Your week · {week.Label}", text.ToString(), png);
    }

    private static string Change(long now, long before)
    {
        var percent = (now - before) * 100.0 / before;
        return percent.ToString("+0;-0;±0", CultureInfo.InvariantCulture) + "%";
    }

    private static void AppendTop(StringBuilder text, string heading, IReadOnlyList<TopItem> items, bool withArtist)
    {
        text.Append("\n\n").Append(heading).Append(':');
        for (var i = 0; i < items.Count; i++)
        {
            text.Append('\n').Append(i + 1).Append(". ").Append(items[i].Name);
            if (withArtist && items[i].ArtistName is { Length: > 0 } artist)
            {
                text.Append(" — ").Append(artist);
            }

            text.Append(" (").Append(SummaryText.Plays(items[i].Plays)).Append(')');
        }
    }
}
