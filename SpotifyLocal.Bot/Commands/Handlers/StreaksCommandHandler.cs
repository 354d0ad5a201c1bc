using System.Globalization;
using System.Text;
using SpotifyLocal.Core.Accounts;
using SpotifyLocal.Core.Charts;
using SpotifyLocal.Core.Insights;
using SpotifyLocal.Core.Stats;
using SpotifyLocal.Core.Storage;

namespace SpotifyLocal.Bot.Commands.Handlers;

/// <summary>/streaks: current and longest daily listening streaks in the caller's time zone, and per-artist streaks as a chart.</summary>
public sealed class StreaksCommandHandler(AccountLifecycleService accounts, InsightsService insights, ChartRenderer charts)
    : ICommandHandler<StreaksCommand>
{
    public async Task<BotReply> HandleAsync(StreaksCommand command, CommandContext context, CancellationToken cancellationToken)
    {
        var user = await accounts.GetUserAsync(context.Caller, cancellationToken);
        var zone = UserTimeZones.FindOrUtc(user.TimeZone);
        var streaks = await insights.GetStreaksAsync(user.SpotifyId, zone, cancellationToken);
        if (streaks.Longest is null)
        {
            return new BotReply("No plays yet, so no streaks. Send your Spotify data export with /import, or /link Spotify for live tracking.");
        }

        var name = context.CallerName ?? user.DisplayName ?? "You";
        return new BotReply(Caption(streaks))
        {
            Title = "Listening streaks",
            Png = charts.RenderStreaks(streaks, new ChartHeader(name, "all time")),
            PngFileName = "streaks.png",
            Buttons =
            [
                ReplyButton.Command("discoveries", DiscoveriesCommand.Text(CommandParser.DefaultPeriod, TopKind.Artists)),
                ReplyButton.Command("top artists", CommandParser.TopText(CommandParser.DefaultPeriod, TopKind.Artists)),
            ],
        };
    }

    /// <summary>The current and longest streak, the days counted, then one line per artist streak.</summary>
    public static string Caption(ListeningStreaks streaks)
    {
        var text = new StringBuilder();
        if (streaks.Current is { } current)
        {
            text.Append("Current streak: ").Append(Days(current.Days)).Append(" (since ").Append(Date(current.First)).Append(")\n");
        }
        else if (streaks.LastListeningDay is { } last)
        {
            text.Append("No current streak: your last day with plays was ").Append(Date(last)).Append('\n');
        }

        if (streaks.Longest is { } longest)
        {
            text.Append("Longest streak: ").Append(Days(longest.Days)).Append(" (").Append(Date(longest.First)).Append(" – ").Append(Date(longest.Last)).Append(")\n");
        }

        text.Append(ReplyText.Count(streaks.ListeningDays, "day", "days")).Append(" with plays · days run midnight to midnight in ").Append(streaks.TimeZoneId);
        if (streaks.Artists.Count > 0)
        {
            text.Append("\n\nArtists, days in a row:");
            for (var i = 0; i < streaks.Artists.Count; i++)
            {
                var artist = streaks.Artists[i];
                text.Append('\n').Append(i + 1).Append(". ").Append(artist.ArtistName).Append(" · ").Append(Days(artist.Longest.Days))
                    .Append(" (").Append(Date(artist.Longest.First)).Append(" – ").Append(Date(artist.Longest.Last)).Append(')');
                if (artist.Current is { } now)
                {
                    text.Append(" · now ").Append(Days(now.Days));
                }
            }
        }

        return text.ToString();
    }

    private static string Days(int days) => ReplyText.Count(days, "day", "days");

    private static string Date(DateOnly day) => day.ToString("d MMM yyyy", CultureInfo.InvariantCulture);
}
