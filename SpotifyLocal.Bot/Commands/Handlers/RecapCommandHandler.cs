using System.Globalization;
using System.Text;
using SpotifyLocal.Core.Accounts;
using SpotifyLocal.Core.Charts;
using SpotifyLocal.Core.Insights;
using SpotifyLocal.Core.Stats;
using SpotifyLocal.Core.Storage;

namespace SpotifyLocal.Bot.Commands.Handlers;

/// <summary>/recap [2025|period]: the caller's year (or any period) as one 1080×1920 image with the same numbers as text.</summary>
public sealed class RecapCommandHandler(AccountLifecycleService accounts, RecapService recaps, ChartRenderer charts)
    : ICommandHandler<RecapCommand>
{
    public async Task<BotReply> HandleAsync(RecapCommand command, CommandContext context, CancellationToken cancellationToken)
    {
        var user = await accounts.GetUserAsync(context.Caller, cancellationToken);
        var period = recaps.ParsePeriod(command.Period, user.TimeZone);
        var recap = await recaps.GetRecapAsync(user.SpotifyId, period, cancellationToken);
        var buttons = Buttons(command, period);
        if (recap.Plays == 0)
        {
            return new BotReply($"No plays in {period.Label}, so nothing to recap. Try another year, or /import your Spotify data export.") { Buttons = buttons };
        }

        var name = context.CallerName ?? user.DisplayName ?? "You";
        return new BotReply(Caption(recap))
        {
            Title = $"Recap · {period.Label}",
            Png = charts.RenderRecap(recap, new ChartHeader(name, period.Label)),
            PngFileName = "recap.png",
            Buttons = buttons,
        };
    }

    /// <summary>The headline numbers, then the top lists with minutes and plays, then the new artists.</summary>
    public static string Caption(Recap recap)
    {
        var zone = recap.Period.TimeZone;
        var text = new StringBuilder()
            .Append("Your ").Append(recap.Period.Label).Append(" · ").Append(zone.Id).Append('\n')
            .Append(ReplyText.Count(recap.Minutes, "minute", "minutes")).Append(" listened · ").Append(ReplyText.Count(recap.Plays, "play", "plays")).Append('\n')
            .Append(ReplyText.Count(recap.ListeningDays, "listening day", "listening days"));
        if (recap.LongestStreak is { } streak)
        {
            text.Append(" · longest streak ").Append(ReplyText.Count(streak.Days, "day", "days"))
                .Append(" (").Append(Date(streak.First)).Append(" – ").Append(Date(streak.Last)).Append(')');
        }

        if (recap.BusiestMonth is { } month)
        {
            text.Append("\nMost listened month: ").Append(month.FirstDay.ToString("MMMM yyyy", CultureInfo.InvariantCulture))
                .Append(" (").Append(Minutes(month.MsPlayed)).Append(')');
        }

        if (recap.BusiestHour is { } hour)
        {
            text.Append(string.Create(CultureInfo.InvariantCulture, $"\nBusiest hour: {hour:00}:00–{(hour + 1) % 24:00}:00 ("))
                .Append(Minutes(recap.MsPlayedByHour[hour])).Append(')');
        }

        if (recap.SkipShare is { } share)
        {
            text.Append(string.Create(CultureInfo.InvariantCulture, $"\nSkipped: {share * 100:0}% of the {recap.PlaysWithSkipData:N0} plays that say (extended history)"));
        }

        Append(text, "Top artists", recap.TopArtists, TopKind.Artists);
        Append(text, "Top tracks", recap.TopTracks, TopKind.Tracks);
        Append(text, "Top albums", recap.TopAlbums, TopKind.Albums);
        if (recap.Discoveries.Items.Count > 0)
        {
            text.Append(string.Create(CultureInfo.InvariantCulture, $"\n\nNew artists ({recap.Discoveries.Total:N0} first played in {recap.Period.Label}):"));
            for (var i = 0; i < recap.Discoveries.Items.Count; i++)
            {
                var item = recap.Discoveries.Items[i];
                text.Append('\n').Append(i + 1).Append(". ").Append(item.Name).Append(" · ").Append(ReplyText.Count(item.Plays, "play", "plays"))
                    .Append(" since ").Append(Date(LocalTime.DateOf(item.FirstPlayedAt, zone)));
            }
        }

        return text.ToString();
    }

    private static void Append(StringBuilder text, string heading, IReadOnlyList<TopItem> items, TopKind kind)
    {
        if (items.Count == 0)
        {
            return;
        }

        text.Append("\n\n").Append(heading).Append(':');
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            text.Append('\n').Append(i + 1).Append(". ");
            if (kind != TopKind.Artists && item.ArtistName is { Length: > 0 } artist)
            {
                text.Append(artist).Append(" — ");
            }

            text.Append(item.Name).Append(" · ").Append(Minutes(item.MsPlayed)).Append(" · ").Append(ReplyText.Count(item.Plays, "play", "plays"));
        }
    }

    // The year before (a recap of a year or of this year so far), this year so far (any other period), and the period's discoveries and streaks.
    private static List<ReplyButton> Buttons(RecapCommand command, Period period)
    {
        var buttons = new List<ReplyButton>();
        var year = command.Period is null ? period.FirstLocalDay.Year : ParseYear(command.Period);
        if (year is { } y && y - 1 >= PlayScope.Beginning.Year)
        {
            var before = (y - 1).ToString(CultureInfo.InvariantCulture);
            buttons.Add(ReplyButton.Command(before, RecapCommand.Text(before)));
        }

        if (command.Period is not null)
        {
            buttons.Add(ReplyButton.Command("this year", RecapCommand.Text(null)));
            return buttons;
        }

        buttons.Add(ReplyButton.Command("discoveries", DiscoveriesCommand.Text(period.FirstLocalDay.Year.ToString(CultureInfo.InvariantCulture), TopKind.Artists)));
        buttons.Add(ReplyButton.Command("streaks", "/streaks"));
        return buttons;
    }

    private static int? ParseYear(string text) =>
        text.Length == 4 && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var year) ? year : null;

    private static string Minutes(long milliseconds) => string.Create(CultureInfo.InvariantCulture, $"{Recap.RoundMinutes(milliseconds):N0} min");

    private static string Date(DateOnly day) => day.ToString("d MMM yyyy", CultureInfo.InvariantCulture);
}
