using System.Globalization;
using System.Text;
using SpotifyLocal.Core.Accounts;
using SpotifyLocal.Core.Charts;
using SpotifyLocal.Core.Insights;
using SpotifyLocal.Core.Stats;

namespace SpotifyLocal.Bot.Commands.Handlers;

/// <summary>/skips [period]: the skip rate over the plays that say (extended history), its coverage, the most skipped tracks and skip rate by artist.</summary>
public sealed class SkipsCommandHandler(AccountLifecycleService accounts, StatsService stats, SkipRateService skips, ChartRenderer charts)
    : ICommandHandler<SkipsCommand>
{
    /// <summary>Rows per list and in the chart.</summary>
    public const int Limit = 10;

    private static readonly string[] QuickPeriods = ["week", "month", "year"];

    public async Task<BotReply> HandleAsync(SkipsCommand command, CommandContext context, CancellationToken cancellationToken)
    {
        var user = await accounts.GetUserAsync(context.Caller, cancellationToken);
        var period = stats.ParsePeriod(command.Period, user.TimeZone);
        var report = await skips.GetSkipsAsync(user.SpotifyId, period, Limit, cancellationToken);
        var buttons = QuickPeriods.Where(p => p != command.Period).Select(p => ReplyButton.Command(p, SkipsCommand.Text(p))).ToList();
        if (report.Plays == 0)
        {
            return new BotReply($"No plays in {period.Label} yet. Send your Spotify data export with /import, or /link Spotify for live tracking.") { Buttons = buttons };
        }

        if (report.PlaysWithSkipData == 0)
        {
            return new BotReply(
                $"No skip data in {period.Label}: none of your {ReplyText.Count(report.Plays, "play", "plays")} then came from Spotify's extended streaming history, "
                + "the only source that says whether a play was skipped. Add it with /import.") { Buttons = buttons };
        }

        var name = context.CallerName ?? user.DisplayName ?? "You";
        return new BotReply(Caption(report))
        {
            Title = $"Skips · {period.Label}",
            Png = charts.RenderSkips(report, new ChartHeader(name, period.Label)),
            PngFileName = "skips.png",
            Buttons = buttons,
        };
    }

    /// <summary>The rate with its coverage, then the most skipped tracks and the skip rate by artist.</summary>
    public static string Caption(SkipReport report)
    {
        var text = new StringBuilder()
            .Append("Skip rate in ").Append(report.Period.Label).Append(": ").Append(Percent(report.Skipped, report.PlaysWithSkipData))
            .Append(" (").Append(Number(report.Skipped)).Append(" of ").Append(ReplyText.Count(report.PlaysWithSkipData, "play", "plays")).Append(" skipped)\n")
            .Append("Skip data for ").Append(Number(report.PlaysWithSkipData)).Append(" of ").Append(ReplyText.Count(report.Plays, "play", "plays"))
            .Append(" in this period; tracked and account-data plays don't say.");
        if (report.Tracks.Count > 0)
        {
            text.Append("\n\nMost skipped tracks:");
            for (var i = 0; i < report.Tracks.Count; i++)
            {
                var track = report.Tracks[i];
                text.Append('\n').Append(i + 1).Append(". ");
                if (track.ArtistName is { Length: > 0 } artist)
                {
                    text.Append(artist).Append(" — ");
                }

                text.Append(track.Name).Append(" · ").Append(Number(track.Skipped)).Append(" of ").Append(Number(track.Plays))
                    .Append(" skipped (").Append(Percent(track.Skipped, track.Plays)).Append(')');
            }
        }

        text.Append("\n\nSkip rate by artist (at least ").Append(SkipRateService.MinArtistPlays).Append(" plays with skip data):");
        if (report.Artists.Count == 0)
        {
            text.Append("\nno artist has that many in this period.");
        }

        for (var i = 0; i < report.Artists.Count; i++)
        {
            var artist = report.Artists[i];
            text.Append('\n').Append(i + 1).Append(". ").Append(artist.Name).Append(" · ").Append(Percent(artist.Skipped, artist.Plays))
                .Append(" (").Append(Number(artist.Skipped)).Append(" of ").Append(Number(artist.Plays)).Append(')');
        }

        return text.ToString();
    }

    private static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Percent(long part, long whole) => ((double)part / whole * 100).ToString("0", CultureInfo.InvariantCulture) + "%";
}
