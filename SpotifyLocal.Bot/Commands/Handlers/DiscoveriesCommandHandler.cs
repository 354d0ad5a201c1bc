using System.Globalization;
using System.Text;
using SpotifyLocal.Core.Accounts;
using SpotifyLocal.Core.Charts;
using SpotifyLocal.Core.Insights;
using SpotifyLocal.Core.Stats;
using SpotifyLocal.Core.Storage;

namespace SpotifyLocal.Bot.Commands.Handlers;

/// <summary>/discoveries [period] [artists|tracks]: what the caller played for the first time ever in the period, ranked by plays since.</summary>
public sealed class DiscoveriesCommandHandler(AccountLifecycleService accounts, StatsService stats, InsightsService insights, ChartRenderer charts)
    : ICommandHandler<DiscoveriesCommand>
{
    /// <summary>Rows in the chart and per kind in the caption.</summary>
    public const int Limit = 10;

    private static readonly string[] QuickPeriods = ["week", "month", "year"];

    public async Task<BotReply> HandleAsync(DiscoveriesCommand command, CommandContext context, CancellationToken cancellationToken)
    {
        var user = await accounts.GetUserAsync(context.Caller, cancellationToken);
        var period = stats.ParsePeriod(command.Period, user.TimeZone);
        var found = await insights.GetDiscoveriesAsync(user.SpotifyId, period, Limit, cancellationToken);
        var buttons = Buttons(command);
        if (found.Artists.Total == 0 && found.Tracks.Total == 0)
        {
            return new BotReply($"Nothing new in {period.Label}: every artist and track you played then, you had played before.") { Buttons = buttons };
        }

        var name = context.CallerName ?? user.DisplayName ?? "You";
        var shown = command.Kind == TopKind.Tracks ? found.Tracks : found.Artists;
        return new BotReply(Caption(found))
        {
            Title = $"Discoveries · {period.Label}",
            Png = charts.RenderDiscoveries(shown, command.Kind, new ChartHeader(name, period.Label)),
            PngFileName = "discoveries.png",
            Buttons = buttons,
        };
    }

    /// <summary>"3 new artists · 12 new tracks", then each list: "1. Name · 5 plays since 1 Feb 2026".</summary>
    public static string Caption(Discoveries found)
    {
        var text = new StringBuilder()
            .Append(ReplyText.Count(found.Artists.Total, "new artist", "new artists")).Append(" · ")
            .Append(ReplyText.Count(found.Tracks.Total, "new track", "new tracks"))
            .Append(" first played in ").Append(found.Period.Label);
        Append(text, "New artists", found.Artists, TopKind.Artists, found.Period.TimeZone);
        Append(text, "New tracks", found.Tracks, TopKind.Tracks, found.Period.TimeZone);
        return text.ToString();
    }

    private static void Append(StringBuilder text, string heading, DiscoveryList list, TopKind kind, TimeZoneInfo zone)
    {
        if (list.Items.Count == 0)
        {
            return;
        }

        text.Append("\n\n").Append(heading).Append(':');
        for (var i = 0; i < list.Items.Count; i++)
        {
            var item = list.Items[i];
            text.Append('\n').Append(i + 1).Append(". ");
            if (kind == TopKind.Tracks && item.ArtistName is { Length: > 0 } artist)
            {
                text.Append(artist).Append(" — ");
            }

            text.Append(item.Name).Append(" · ").Append(ReplyText.Count(item.Plays, "play", "plays"))
                .Append(" since ").Append(LocalTime.DateOf(item.FirstPlayedAt, zone).ToString("d MMM yyyy", CultureInfo.InvariantCulture));
        }
    }

    private static List<ReplyButton> Buttons(DiscoveriesCommand command)
    {
        var buttons = QuickPeriods
            .Where(p => p != command.Period)
            .Select(p => ReplyButton.Command(p, DiscoveriesCommand.Text(p, command.Kind)))
            .ToList();
        var other = command.Kind == TopKind.Artists ? TopKind.Tracks : TopKind.Artists;
        buttons.Add(ReplyButton.Command(other.ToString().ToLowerInvariant(), DiscoveriesCommand.Text(command.Period, other)));
        return buttons;
    }
}
