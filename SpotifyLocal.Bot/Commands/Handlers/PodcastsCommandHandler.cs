using System.Text;
using SpotifyLocal.Core.Accounts;
using SpotifyLocal.Core.Charts;
using SpotifyLocal.Core.Insights;
using SpotifyLocal.Core.Stats;
using SpotifyLocal.Core.Storage;

namespace SpotifyLocal.Bot.Commands.Handlers;

/// <summary>/podcasts [period]: the caller's podcast and audiobook listening in the period, shows charted by minutes.</summary>
public sealed class PodcastsCommandHandler(AccountLifecycleService accounts, StatsService stats, PodcastsService podcasts, ChartRenderer charts)
    : ICommandHandler<PodcastsCommand>
{
    /// <summary>Rows in the chart and per list in the caption.</summary>
    public const int Limit = 10;

    private static readonly string[] QuickPeriods = ["week", "month", "year"];

    public async Task<BotReply> HandleAsync(PodcastsCommand command, CommandContext context, CancellationToken cancellationToken)
    {
        var user = await accounts.GetUserAsync(context.Caller, cancellationToken);
        var period = stats.ParsePeriod(command.Period, user.TimeZone);
        var listening = await podcasts.GetAsync(user.SpotifyId, period, Limit, cancellationToken);
        var buttons = QuickPeriods.Where(p => p != command.Period).Select(p => ReplyButton.Command(p, PodcastsCommand.Text(p))).ToList();
        if (listening.IsEmpty)
        {
            return new BotReply(EmptyText(period))
            {
                Buttons = buttons,
            };
        }

        var name = context.CallerName ?? user.DisplayName ?? "You";
        return new BotReply(Caption(listening))
        {
            Title = $"Podcasts · {period.Label}",
            Png = charts.RenderPodcasts(listening, new ChartHeader(name, period.Label)),
            PngFileName = "podcasts.png",
            Buttons = buttons,
        };
    }

    /// <summary>The answer for a period without podcast or audiobook entries, and where they come from.</summary>
    public static string EmptyText(Period period) =>
        $"No podcast listening in {period.Label} (only the extended streaming history export has it: import it with /import).";

    /// <summary>"2 h 16 min of podcasts and audiobooks in … · 3 entries · 2 shows", then the shows and the episodes.</summary>
    public static string Caption(PodcastListening listening)
    {
        var totals = listening.Totals;
        var text = new StringBuilder()
            .Append(ReplyText.Duration(totals.MsPlayed)).Append(" of podcasts and audiobooks in ").Append(listening.Period.Label)
            .Append(" · ").Append(ReplyText.Count(totals.Entries, "entry", "entries"))
            .Append(" · ").Append(ReplyText.Count(totals.Shows, "show", "shows"));
        Append(text, "Shows", listening.Shows, withShow: false);
        Append(text, "Episodes", listening.Episodes, withShow: true);
        return text.ToString();
    }

    private static void Append(StringBuilder text, string heading, IReadOnlyList<TopItem> items, bool withShow)
    {
        text.Append("\n\n").Append(heading).Append(':');
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            text.Append('\n').Append(i + 1).Append(". ");
            if (withShow && item.ArtistName is { Length: > 0 } show)
            {
                text.Append(show).Append(" — ");
            }

            text.Append(item.Name).Append(" · ").Append(ReplyText.Duration(item.MsPlayed));
            if (!withShow)
            {
                text.Append(" · ").Append(ReplyText.Count(item.Plays, "entry", "entries"));
            }
        }
    }
}
